using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Storage;

/// <summary>A soft delete: conditional on <see cref="ExpectedVersion"/> when given, recorded as deleted at <see cref="DeletedAt"/>.</summary>
public sealed record ResourceDeletion(ResourceKey Key, long? ExpectedVersion, DateTimeOffset DeletedAt, AuditEntry? Audit = null);

/// <summary>
/// A restore of the tombstone of <see cref="Key"/>, provided it was deleted at or after <see cref="DeletedSince"/>
/// (older tombstones are past their retention); <see cref="RestoredAt"/> becomes its lastModified.
/// </summary>
public sealed record ResourceRestore(ResourceKey Key, DateTimeOffset RestoredAt, DateTimeOffset DeletedSince, AuditEntry? Audit = null);

/// <summary>The tombstones of one tenant deleted at or after <see cref="DeletedSince"/>, of one type or of all.</summary>
public sealed record DeletedQuery(string Tenant, ResourceTypeDefinition? Type, DateTimeOffset DeletedSince, PageRequest Page);

/// <summary>
/// A deleted resource as an administrator sees it before restoring it: <see cref="DisplayName"/> is its displayName,
/// else its unique name (userName), so it can be recognized.
/// </summary>
public sealed record Tombstone(
    string ResourceType,
    string Id,
    long Version,
    DateTimeOffset Created,
    DateTimeOffset LastModified,
    DateTimeOffset DeletedAt,
    string? DisplayName);

public sealed record TombstonePage(long TotalResults, IReadOnlyList<Tombstone> Tombstones);
