using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Api.Application.Audit;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Storage;

namespace Scim.Api.OperatorConsole.Data;

/// <summary>One attribute a write changed: its value before and after, when the audit trail recorded values.</summary>
public sealed record AttributeChange(string Attribute, string? Before, string? After, bool ValuesRecorded);

/// <summary>One audit record as a readable diff.</summary>
public sealed record AuditDiff(AuditRecord Record, IReadOnlyList<AttributeChange> Changes);

/// <summary>
/// A resource's audit trail, newest first, as diffs. A record holds the new values of what it changed (when
/// <c>Scim:Audit:IncludeValues</c> is on); the value before is the one the nearest older record set, so a diff reads
/// "title: Analyst → Lead". Without values the diff names the attributes only. Members are named, never listed.
/// </summary>
internal sealed class AuditHistory(Administration administration)
{
    public const int MaxRecords = 100;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<IReadOnlyList<AuditDiff>> ReadAsync(string tenant, string resourceType, string id, CancellationToken cancellationToken)
    {
        var page = await administration.QueryAuditAsync(new AuditQuery(tenant, resourceType, id, null, null, new PageRequest(1, MaxRecords)), cancellationToken);
        return Diffs(page.Records);
    }

    /// <summary>Diffs of records given newest first.</summary>
    public static IReadOnlyList<AuditDiff> Diffs(IReadOnlyList<AuditRecord> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var diffs = new List<AuditDiff>(newestFirst.Count);
        for (var i = 0; i < newestFirst.Count; i++)
        {
            var record = newestFirst[i];
            var changes = record.ChangedAttributes.Select(attribute =>
            {
                var recorded = record.Values is not null && record.Values.ContainsKey(attribute);
                var before = recorded ? ValueBefore(newestFirst, i, attribute) : null;
                return new AttributeChange(attribute, before, recorded ? Text(record.Values![attribute]) : null, recorded);
            }).ToList();
            diffs.Add(new AuditDiff(record, changes));
        }

        return diffs;
    }

    private static string? ValueBefore(IReadOnlyList<AuditRecord> newestFirst, int index, string attribute)
    {
        for (var older = index + 1; older < newestFirst.Count; older++)
        {
            if (newestFirst[older].Values is { } values && values.ContainsKey(attribute))
            {
                return Text(values[attribute]);
            }
        }

        return null;
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(Compact),
    };
}
