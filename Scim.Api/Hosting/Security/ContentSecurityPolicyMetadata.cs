namespace Scim.Api.Hosting.Security;

/// <summary>
/// An endpoint's own Content-Security-Policy, in place of the default <c>default-src 'none'</c> of
/// <see cref="SecurityHeadersMiddleware"/> (the operator console's pages load their stylesheet).
/// </summary>
public sealed record ContentSecurityPolicyMetadata(string Policy);
