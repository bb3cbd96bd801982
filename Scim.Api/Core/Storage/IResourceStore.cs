using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Storage;

/// <summary>
/// The port every store implements (SQLite embedded, MongoDB). Every call is scoped by the caller's tenant;
/// nothing a store returns or changes may belong to another tenant.
/// <para>
/// Documents are the SCIM JSON of a resource without <c>id</c>, <c>meta</c>, <c>members</c> (Group) and
/// <c>groups</c> (User): ids and versions travel beside the document, and memberships live in their own rows
/// so that adding or removing members never reads or rewrites a member list.
/// </para>
/// <para>
/// Errors are <see cref="Errors.ScimException"/>s: 404 for a missing resource, 409 <c>uniqueness</c> for a duplicate
/// unique attribute (enforced by a unique index, not by a query first), 412 for a version mismatch.
/// </para>
/// <para>
/// Deletes are soft: a deleted resource becomes a tombstone that no read, query, filter, membership or unique index
/// sees, until it is restored or purged (<see cref="IStoreRetention"/>). A write that carries an
/// <see cref="AuditEntry"/> records it with the change, atomically where the store has transactions.
/// </para>
/// </summary>
public interface IResourceStore
{
    /// <summary>Inserts a new resource at version 1 with the given id and time stamps.</summary>
    Task<StoredResource> CreateAsync(ResourceWrite write, CancellationToken cancellationToken);

    /// <summary>Reads one resource, with its members/groups when asked; null when absent.</summary>
    Task<StoredResource?> GetAsync(ResourceKey key, ReadOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the document and/or changes memberships in one atomic step, conditional on
    /// <paramref name="expectedVersion"/> (a compare-and-swap in the same statement); bumps the version by one.
    /// Throws 404 when the resource is absent and 412 when its version differs.
    /// <para>
    /// A null <paramref name="expectedVersion"/> means no version condition, as for a delete. It is allowed only for
    /// an update that keeps the document (<see cref="ResourceUpdate.Document"/> null), else
    /// <see cref="ArgumentException"/>: a membership delta does not depend on what the caller read, but a document
    /// written without the compare-and-swap would silently undo a concurrent change. The version still goes up by one,
    /// and an audit record names the version actually replaced.
    /// </para>
    /// </summary>
    Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Soft-deletes a resource now (by the store's clock) without an audit record; see
    /// <see cref="DeleteAsync(ResourceDeletion, CancellationToken)"/>.
    /// </summary>
    Task DeleteAsync(ResourceKey key, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a resource to a tombstone, conditional when a version is given: it is gone from reads and queries, its
    /// unique values are free again, and every membership naming it (as group or as member) is taken out of the live
    /// memberships and kept with the tombstone. Groups that lose a member get a new version.
    /// </summary>
    Task DeleteAsync(ResourceDeletion deletion, CancellationToken cancellationToken);

    /// <summary>
    /// Brings a tombstone deleted at or after <see cref="ResourceRestore.DeletedSince"/> back with the same id,
    /// document and creation time, at the next version; its memberships return where the other side is live (those
    /// whose other side is itself deleted wait in that tombstone). 404 when there is no such tombstone, 409
    /// <c>uniqueness</c> when a live resource now holds its unique value or id.
    /// </summary>
    Task<StoredResource> RestoreAsync(ResourceRestore restore, CancellationToken cancellationToken);

    /// <summary>The tombstones of a tenant, most recently deleted first.</summary>
    Task<TombstonePage> ListDeletedAsync(DeletedQuery query, CancellationToken cancellationToken);

    /// <summary>Filters, sorts and pages resources of one type in the store (never in memory).</summary>
    Task<QueryResult> QueryAsync(ResourceQuery query, CancellationToken cancellationToken);
}

/// <summary>Identifies one resource of one tenant.</summary>
public sealed record ResourceKey(string Tenant, ResourceTypeDefinition Type, string Id);

/// <summary>What a create writes; <see cref="Members"/> is for types with a <c>members</c> attribute.</summary>
public sealed record ResourceWrite(
    ResourceKey Key,
    JsonObject Document,
    DateTimeOffset Created,
    IReadOnlyList<MemberReference> Members,
    AuditEntry? Audit = null);

/// <summary>
/// A change to an existing resource: the new document (null keeps it) and a membership delta
/// (null changes nothing). <see cref="LastModified"/> is the new modification time.
/// </summary>
public sealed record ResourceUpdate(
    ResourceKey Key,
    JsonObject? Document,
    MembershipDelta? Members,
    DateTimeOffset LastModified,
    AuditEntry? Audit = null);

/// <summary>
/// Membership changes: remove all (for a replace), then remove the listed ids, then add the listed members.
/// Adding a present member and removing an absent one succeed and change nothing.
/// </summary>
public sealed record MembershipDelta(bool RemoveAll, IReadOnlyList<string> Remove, IReadOnlyList<MemberReference> Add)
{
    public bool IsEmpty => !RemoveAll && Remove.Count == 0 && Add.Count == 0;
}

/// <summary>One member of a group as a client gave it; <see cref="Type"/> and <see cref="Display"/> are optional.</summary>
public sealed record MemberReference(string Value, string? Type, string? Display);

/// <summary>
/// What to read beside the document: the group's members, the user's groups. <see cref="MaxMembers"/> bounds the
/// members one read may bring, in all the groups it reads: beyond it the store reads no further and fails with
/// <see cref="MembersBeyondLimit"/>, so a response never holds more members than the service is willing to hold in memory.
/// </summary>
public sealed record ReadOptions(bool IncludeMembers, bool IncludeGroups)
{
    public static readonly ReadOptions Everything = new(true, true);
    public static readonly ReadOptions DocumentOnly = new(false, false);

    public int MaxMembers { get; init; } = int.MaxValue;

    /// <summary>The 400 tooMany of a read whose groups have more than <see cref="MaxMembers"/> members in all.</summary>
    public ScimException MembersBeyondLimit() => ScimException.TooMany(
        $"The groups read have more than {MaxMembers} members in all, more than one response may carry (Scim:MaxMembersPerResponse). "
        + "Read them with excludedAttributes=members, and test a membership with a filter such as "
        + "id eq \"<group id>\" and members[value eq \"<member id>\"].");
}
