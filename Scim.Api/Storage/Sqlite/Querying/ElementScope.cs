using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Sqlite.Querying;

internal enum MembershipSide
{
    /// <summary>The group's <c>members</c>: membership rows whose group is the resource.</summary>
    Members,

    /// <summary>The user's <c>groups</c>: membership rows whose member is the resource.</summary>
    Groups,
}

/// <summary>
/// The elements a value filter iterates (RFC 7644 §3.4.2.2 <c>valuePath</c>): rows of <see cref="From"/> named
/// <see cref="Alias"/>, either JSON elements of the document or membership rows (<see cref="Side"/> set).
/// </summary>
internal sealed record ElementScope(
    string Name,
    string From,
    string? Correlation,
    string Alias,
    AttributeDefinition? Definition,
    MembershipSide? Side);
