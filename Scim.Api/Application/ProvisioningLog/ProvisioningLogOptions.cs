namespace Scim.Api.Application.ProvisioningLog;

/// <summary>The provisioning log, bound from <c>Scim:ProvisioningLog</c>.</summary>
public sealed class ProvisioningLogOptions
{
    public const string SectionName = "Scim:ProvisioningLog";

    /// <summary>Whether SCIM requests are logged; unset, the log is on exactly when the console is.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The newest entries kept per tenant; older ones are deleted as new ones arrive.</summary>
    public int MaxEntriesPerTenant { get; set; } = 10_000;

    /// <summary>How long entries, minute counts and credentials' last calls are kept.</summary>
    public int RetentionDays { get; set; } = 7;

    /// <summary>Entries waiting in memory for the writer; beyond it new entries are dropped and counted.</summary>
    public int BufferCapacity { get; set; } = 20_000;

    /// <summary>The most entries written in one batch.</summary>
    public int MaxBatch { get; set; } = 1_000;

    /// <summary>How long the writer gathers entries before it writes them.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
