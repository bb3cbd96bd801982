using Scim.Api.Core.Storage;

namespace Scim.Api.Core.Patch;

/// <summary>
/// Folds member operations, in request order, into one delta with the same outcome as applying them to the
/// member list one by one, given that the store removes all, then removes the listed ids, then adds.
/// </summary>
internal sealed class MembershipDeltaBuilder
{
    private readonly List<string> _remove = [];
    private readonly List<MemberReference> _add = [];
    private bool _removeAll;

    public bool HasOperations { get; private set; }

    public void Touch() => HasOperations = true;

    public void Add(MemberReference member)
    {
        HasOperations = true;

        // Adding a member that is already there changes nothing, so the first of several adds wins.
        if (!_add.Exists(added => added.Value == member.Value))
        {
            _add.Add(member);
        }
    }

    public void Remove(string id)
    {
        HasOperations = true;
        _add.RemoveAll(added => added.Value == id);
        if (!_removeAll && !_remove.Contains(id))
        {
            _remove.Add(id);
        }
    }

    public void RemoveAll()
    {
        HasOperations = true;
        _removeAll = true;
        _remove.Clear();
        _add.Clear();
    }

    public MembershipDelta Build() => new(_removeAll, [.. _remove], [.. _add]);
}
