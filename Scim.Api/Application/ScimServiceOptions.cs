namespace Scim.Api.Application;

/// <summary>
/// Protocol limits and behaviour, bound from the "Scim" configuration section. Every limit here is
/// advertised truthfully in ServiceProviderConfig where RFC 7643 §5 has a field for it.
/// </summary>
public sealed class ScimServiceOptions
{
    public const string SectionName = "Scim";

    /// <summary>The most resources one list or search page returns (filter.maxResults).</summary>
    public int MaxResults { get; set; } = 1000;

    /// <summary>The largest request body accepted, in bytes, except for /Bulk (see <see cref="BulkMaxPayloadBytes"/>).</summary>
    public long MaxPayloadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most operations one /Bulk request may carry (bulk.maxOperations).</summary>
    public int BulkMaxOperations { get; set; } = 1000;

    /// <summary>
    /// The largest /Bulk request body, in bytes (bulk.maxPayloadSize). 4 MiB by default, the same as a single request:
    /// a bulk request can then carry any body a single request may, and 1000 operations of a typical 1–4 KiB user fit.
    /// The whole body is parsed in memory before the first operation runs, so this bounds a bulk request's memory.
    /// </summary>
    public long BulkMaxPayloadBytes { get; set; } = 4 * 1024 * 1024;

    public int MaxPatchOperations { get; set; } = 1000;

    /// <summary>The most members one request may add, remove or set.</summary>
    public int MaxMembersPerRequest { get; set; } = 10_000;

    /// <summary>
    /// The most group members one response carries, in all the groups it returns; a read of more is 400 tooMany
    /// (each member costs memory while the response is built, and a group can have a million).
    /// </summary>
    public int MaxMembersPerResponse { get; set; } = 20_000;

    /// <summary>How many passwords may be hashed at once in this process (each takes 12 MiB and a core); 0 means one per core.</summary>
    public int MaxConcurrentPasswordHashes { get; set; }

    internal int EffectiveMaxConcurrentPasswordHashes =>
        MaxConcurrentPasswordHashes > 0 ? MaxConcurrentPasswordHashes : Environment.ProcessorCount;

    /// <summary>How often a write without If-Match is retried after losing a race on the version.</summary>
    public int MaxVersionConflictRetries { get; set; } = 64;

    /// <summary>Whether group members must name existing resources of the tenant (Microsoft's suite sends unknown ids).</summary>
    public bool RejectUnknownMembers { get; set; }

    /// <summary>A folder of custom schema and resource type JSON files (RFC 7643 §6, §7), or none.</summary>
    public string? SchemaFolder { get; set; }

    /// <summary>Whether /ServiceProviderConfig, /Schemas and /ResourceTypes answer without a credential.</summary>
    public bool PublicDiscovery { get; set; }

    /// <summary>A documentation link advertised in ServiceProviderConfig.</summary>
    public Uri? DocumentationUri { get; set; }

    /// <summary>Cursor paging (RFC 9865), the "Scim:Cursor" section.</summary>
    public ScimCursorOptions Cursor { get; set; } = new();
}
