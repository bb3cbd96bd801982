namespace Scim.Api.Core.Activity;

/// <summary>
/// What one credential (one identity provider) of a tenant did: when it last called, from which client, how its last
/// requests ended (oldest first, at most <see cref="MaxRecent"/>), and its requests since the time asked for.
/// </summary>
public sealed record CredentialActivity(
    string Tenant,
    string Credential,
    DateTimeOffset LastAt,
    string? LastClient,
    IReadOnlyList<int> RecentStatuses,
    RequestCounts Recent)
{
    public const int MaxRecent = 20;
}
