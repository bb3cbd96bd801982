using Scim.Api.Core.Storage;

namespace Scim.Api.Core.Patch;

/// <summary>
/// Folds member operations, in request order, into one delta with the same outcome as applying them to the
/// member list one by one, given that the store removes all, then removes the listed ids, then adds.
/// </summary>
internal sealed class MembershipDeltaBuilder
{
    private readonly List<string> _remove = [];
    private readonly HashSet<string> _removing = new(StringComparer.Ordinal);
    private readonly List<MemberReference> _add = [];

    // Sets beside the lists: an Okta PATCH carries up to 1,000 members, and a scan of the list per member would
    // make planning it quadratic.
    private readonly HashSet<string> _adding = new(StringComparer.Ordinal);
    private bool _removeAll;

    public bool HasOperations { get; private set; }

    public void Touch() => HasOperations = true;

    public void Add(MemberReference member)
    {
        HasOperations = true;

        // Adding a member that is already there changes nothing, so the first of several adds wins.
        if (_adding.Add(member.Value))
        {
            _add.Add(member);
        }
    }

    public void Remove(string id)
    {
        HasOperations = true;
        if (_adding.Remove(id))
        {
            _add.RemoveAll(added => added.Value == id);
        }

        if (!_removeAll && _removing.Add(id))
        {
            _remove.Add(id);
        }
    }

    public void RemoveAll()
    {
        HasOperations = true;
        _removeAll = true;
        _remove.Clear();
        _removing.Clear();
        _add.Clear();
        _adding.Clear();
    }

    public MembershipDelta Build() => new(_removeAll, [.. _remove], [.. _add]);
}
