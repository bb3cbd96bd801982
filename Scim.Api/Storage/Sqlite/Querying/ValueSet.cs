using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>How a SQL value relates to the attribute value it stands for.</summary>
internal enum ValueForm
{
    /// <summary>The value as the client wrote it.</summary>
    Raw,

    /// <summary>A shadow column already holding the folded text of a caseExact=false attribute.</summary>
    Folded,

    /// <summary>A shadow column holding the normalized instant text of a dateTime.</summary>
    Instant,
}

/// <summary>
/// The values an attribute path designates in one resource, as SQL. A single-valued column is one expression
/// (<see cref="From"/> is null); values in the JSON document or in the membership table are rows of
/// <see cref="From"/>, and a comparison holds when it holds for ANY of them (RFC 7644 §3.4.2.2, multi-valued
/// attributes).
/// </summary>
internal sealed record ValueSet
{
    /// <summary>The attribute as the client should read it in an error.</summary>
    public required string Name { get; init; }

    /// <summary>Table expressions yielding one row per value, or null for a single expression.</summary>
    public string? From { get; init; }

    /// <summary>The condition tying <see cref="From"/> to the resource row.</summary>
    public string? Correlation { get; init; }

    public required string Value { get; init; }

    /// <summary>The JSON type of <see cref="Value"/> (json_each's <c>type</c>) when it comes from the document.</summary>
    public string? JsonType { get; init; }

    /// <summary>Orders the rows of <see cref="From"/> for sorting: primary value first, then list order.</summary>
    public string? Order { get; init; }

    public AttributeType Type { get; init; } = AttributeType.String;

    public bool CaseExact { get; init; }

    public ValueForm Form { get; init; }

    /// <summary>
    /// The attribute has no definition (an undeclared extension attribute): its JSON values may be of any kind
    /// and compare as text, an object by its <c>value</c> member.
    /// </summary>
    public bool Undeclared { get; init; }

    /// <summary>A path that names nothing stored (meta.location, a $ref): it is never present.</summary>
    public static ValueSet Absent(string name, AttributeType type = AttributeType.String) => new() { Name = name, Value = "NULL", Type = type };
}
