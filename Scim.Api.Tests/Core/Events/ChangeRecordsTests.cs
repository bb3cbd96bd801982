using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Core.Events;

/// <summary>The member ids an event names for a membership delta.</summary>
public sealed class ChangeRecordsTests
{
    private static MemberReference M(string id) => new(id, null, null);

    [Fact]
    public void MemberChanges_OfAddsAndRemoves_AreTheNamedIds_NotBoth()
    {
        var (added, removed) = ChangeRecords.MemberChanges(new MembershipDelta(false, ["a", "b"], [M("b"), M("c"), M("c")]), null);

        Assert.Equal(["b", "c"], added);
        Assert.Equal(["a"], removed);
    }

    [Fact]
    public void MemberChanges_OfARemoveAll_AreExact_AgainstTheMembersItTookOut()
    {
        var (added, removed) = ChangeRecords.MemberChanges(new MembershipDelta(true, [], [M("b"), M("c")]), ["a", "b"]);

        Assert.Equal(["c"], added);
        Assert.Equal(["a"], removed);
    }

    [Fact]
    public void MemberChanges_OfNoDelta_AreEmpty()
    {
        Assert.Equal(([], []), ChangeRecords.MemberChanges(null, null));
        Assert.Equal(([], []), ChangeRecords.MemberChanges(new MembershipDelta(false, [], []), null));
    }
}
