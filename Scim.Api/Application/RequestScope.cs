namespace Scim.Api.Application;

/// <summary>
/// Who is calling and where the service is reached: the tenant every store call is scoped to, the id of the
/// credential (for audit, never the secret), and the absolute SCIM base URL used for meta.location.
/// </summary>
public sealed record RequestScope(string Tenant, string CredentialId, string BaseUrl);
