namespace Scim.Api.Application.Audit;

/// <summary>Soft delete and restore, bound from <c>Scim:SoftDelete</c>.</summary>
public sealed class SoftDeleteOptions
{
    public const string SectionName = "Scim:SoftDelete";

    /// <summary>How long a deleted resource can be restored; the purge job removes it afterwards.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the purge job runs.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether purging a tombstone also erases the values in its audit records (names and versions stay).</summary>
    public bool EraseAuditValues { get; set; } = true;
}
