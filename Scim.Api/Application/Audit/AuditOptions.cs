namespace Scim.Api.Application.Audit;

/// <summary>The audit trail, bound from <c>Scim:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Scim:Audit";

    /// <summary>How long audit records are kept before the purge job deletes them.</summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>
    /// Whether records carry the new values of the changed attributes. Off by default: values are personal data
    /// (names, e-mail addresses), and the names of what changed answer "who changed this, when" without them.
    /// Write-only and never-returned attributes (password) are never recorded.
    /// </summary>
    public bool IncludeValues { get; set; }
}
