using System.Text.Json.Nodes;
using Scim.Api.Core.Storage;

namespace Scim.Api.Core.Patch;

/// <summary>The membership delta that turns one member list into another (members are identified by their value).</summary>
public static class MembershipDiff
{
    /// <summary>
    /// Members only in <paramref name="before"/> are removed, members only in <paramref name="after"/> are added,
    /// and a member whose type or display changed is removed and added again. Emptying the list is a remove-all.
    /// Throws <c>invalidValue</c> when a member of <paramref name="after"/> has no value.
    /// </summary>
    public static MembershipDelta Between(JsonArray? before, JsonArray? after)
    {
        var previous = Index(before, strict: false);
        var next = Index(after, strict: true);
        if (next.Count == 0)
        {
            return new MembershipDelta(previous.Count > 0, [], []);
        }

        var remove = new List<string>();
        var add = new List<MemberReference>();
        foreach (var (id, member) in previous)
        {
            if (!next.TryGetValue(id, out var kept) || kept != member)
            {
                remove.Add(id);
            }
        }

        foreach (var (id, member) in next)
        {
            if (!previous.TryGetValue(id, out var existing) || existing != member)
            {
                add.Add(member);
            }
        }

        return new MembershipDelta(false, remove, add);
    }

    private static Dictionary<string, MemberReference> Index(JsonArray? members, bool strict)
    {
        var index = new Dictionary<string, MemberReference>(StringComparer.Ordinal);
        foreach (var member in members ?? [])
        {
            var reference = strict ? MemberReferences.From(member) : MemberReferences.TryFrom(member);
            if (reference is not null)
            {
                index.TryAdd(reference.Value, reference);
            }
        }

        return index;
    }
}
