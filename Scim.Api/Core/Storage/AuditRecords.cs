using System.Text.Json.Nodes;
using Scim.Api.Core.Paging;

namespace Scim.Api.Core.Storage;

public enum AuditOperation
{
    Create,
    Replace,
    Patch,
    Delete,
    Restore,
}

/// <summary>
/// What the caller knows about a write, handed to the store with it: who (the credential's id, never its secret),
/// which request, when, and which attributes changed. <see cref="ChangedAttributes"/> are names only (top-level
/// canonical names, <c>urn:…:attribute</c> for extension attributes, <c>members</c> for membership changes);
/// <see cref="Values"/> holds the new values of those attributes only where configured, else null.
/// The store writes the change event (<see cref="Events.ChangeEvent"/>) from the same entry, in the same transaction;
/// <see cref="EventValues"/> are the values the event carries (<c>Scim:Events:CaptureValues</c>), else null.
/// </summary>
public sealed record AuditEntry(
    AuditOperation Operation,
    string CredentialId,
    string? RequestId,
    string? TraceId,
    DateTimeOffset At,
    IReadOnlyList<string> ChangedAttributes,
    JsonObject? Values)
{
    public JsonObject? EventValues { get; init; }
}

/// <summary>
/// One recorded write. The store adds what only it knows: the resource and the versions before and after
/// (null before a create and after a delete).
/// </summary>
public sealed record AuditRecord(
    string Tenant,
    string ResourceType,
    string ResourceId,
    AuditOperation Operation,
    string CredentialId,
    string? RequestId,
    string? TraceId,
    DateTimeOffset At,
    long? VersionBefore,
    long? VersionAfter,
    IReadOnlyList<string> ChangedAttributes,
    JsonObject? Values);

/// <summary>
/// Audit records matching every given criterion (null matches anything), <see cref="From"/> inclusive and
/// <see cref="To"/> exclusive; pages run newest first.
/// </summary>
public sealed record AuditQuery(
    string? Tenant,
    string? ResourceType,
    string? ResourceId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    PageRequest Page);

public sealed record AuditPage(long TotalResults, IReadOnlyList<AuditRecord> Records);

/// <summary>The operations' names as stored and shown: lower case, stable.</summary>
public static class AuditOperationNames
{
    public static string Of(AuditOperation operation) => operation switch
    {
        AuditOperation.Create => "create",
        AuditOperation.Replace => "replace",
        AuditOperation.Patch => "patch",
        AuditOperation.Delete => "delete",
        AuditOperation.Restore => "restore",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an audit operation."),
    };

    public static AuditOperation Parse(string name) => name switch
    {
        "create" => AuditOperation.Create,
        "replace" => AuditOperation.Replace,
        "patch" => AuditOperation.Patch,
        "delete" => AuditOperation.Delete,
        "restore" => AuditOperation.Restore,
        _ => throw new InvalidDataException($"'{name}' is not a stored audit operation."),
    };
}
