namespace Scim.Api.Application;

/// <summary>
/// Who is calling and where the service is reached: the tenant every store call is scoped to, the id of the
/// credential (for audit, never the secret), the absolute SCIM base URL used for meta.location, and the request's
/// identifiers (the server's request id, the W3C trace id when tracing is on) that audit records carry.
/// </summary>
public sealed record RequestScope(string Tenant, string CredentialId, string BaseUrl, string? RequestId = null, string? TraceId = null);
