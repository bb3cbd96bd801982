namespace Scim.Api.Http;

/// <summary>
/// The SCIM error a response carried (RFC 7644 §3.12), left on the request by <see cref="ScimJsonResult"/> for the
/// provisioning log, whichever part of the service wrote the error (exception handler, status pages, authentication,
/// rate limiter, timeout).
/// </summary>
internal sealed record ScimErrorFeature(string? ScimType, string? Detail);
