using System.Text.Json.Nodes;

namespace Scim.Api.Core.Events;

/// <summary>
/// One committed change, as the store wrote it in the change's own transaction: an event exists if and only if the
/// change committed. <see cref="Position"/> is the tenant's: each event's is greater than every earlier event's of
/// the tenant, and events become visible in position order. <see cref="Version"/> is the resource's version after the
/// change (the version deleted, for a delete or purge). <see cref="ChangedAttributes"/> are names only, as in the
/// audit trail; <see cref="MembersAdded"/> and <see cref="MembersRemoved"/> name the member ids a group change added
/// and removed (one event however many); <see cref="Values"/> holds the new values of the changed attributes only
/// where the service captures them (<c>Scim:Events:CaptureValues</c>), never a write-only or never-returned one.
/// </summary>
public sealed record ChangeEvent(
    string Tenant,
    long Position,
    string ResourceType,
    string ResourceId,
    ChangeOperation Operation,
    long Version,
    DateTimeOffset At,
    IReadOnlyList<string> ChangedAttributes,
    IReadOnlyList<string> MembersAdded,
    IReadOnlyList<string> MembersRemoved,
    JsonObject? Values);

/// <summary>What a store writes as an event: everything but the position, which the store assigns.</summary>
public sealed record ChangeRecord(
    string Tenant,
    string ResourceType,
    string ResourceId,
    ChangeOperation Operation,
    long Version,
    DateTimeOffset At,
    IReadOnlyList<string> ChangedAttributes,
    IReadOnlyList<string> MembersAdded,
    IReadOnlyList<string> MembersRemoved,
    JsonObject? Values)
{
    public ChangeEvent WithPosition(long position) => new(
        Tenant, position, ResourceType, ResourceId, Operation, Version, At, ChangedAttributes, MembersAdded, MembersRemoved, Values);
}

/// <summary>Up to <see cref="Count"/> events of a tenant with a position above <see cref="AfterPosition"/>, oldest first.</summary>
public sealed record ChangeEventQuery(string Tenant, long AfterPosition, int Count);

/// <summary>
/// A page of events; <see cref="LastPosition"/> is the tenant's newest position at the time of the read (0 before its
/// first event), so a reader knows how far behind it is.
/// </summary>
public sealed record ChangeEventPage(IReadOnlyList<ChangeEvent> Events, long LastPosition);
