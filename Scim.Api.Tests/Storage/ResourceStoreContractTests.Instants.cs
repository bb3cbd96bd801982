using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Storage;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage;

/// <summary>meta.created and meta.lastModified are 100 ns instants: filters and sorts must use every tick.</summary>
public abstract partial class ResourceStoreContractTests
{
    [Fact]
    public async Task Query_LastModifiedAfterAnInstantTheStoreReturned_FindsLaterChangesInTheSameMillisecond()
    {
        var first = await Store.CreateAsync(new ResourceWrite(UserKey("u1"), UserDocument("one"), T0.AddTicks(1), []), Ct);
        await Store.CreateAsync(new ResourceWrite(UserKey("u2"), UserDocument("two"), T0.AddTicks(2), []), Ct);
        await Store.CreateAsync(new ResourceWrite(UserKey("u3"), UserDocument("three"), T0.AddTicks(9_999), []), Ct);
        var seen = first.LastModifiedText;

        Assert.Equal(["u2", "u3"], await QueryIdsAsync(UserType, FilterParser.Parse($"meta.lastModified gt \"{seen}\"")));
        Assert.Equal(["u1", "u2", "u3"], await QueryIdsAsync(UserType, FilterParser.Parse($"meta.lastModified ge \"{seen}\"")));
        Assert.Equal(["u1"], await QueryIdsAsync(UserType, FilterParser.Parse($"meta.lastModified eq \"{seen}\"")));
        Assert.Equal(["u2", "u3"], await QueryIdsAsync(UserType, FilterParser.Parse($"meta.created ne \"{first.CreatedText}\"")));
    }

    [Fact]
    public async Task Query_SortedByInstantsOneTickApart_OrdersThemByTheTick()
    {
        await Store.CreateAsync(new ResourceWrite(UserKey("late"), UserDocument("late"), T0.AddTicks(3), []), Ct);
        await Store.CreateAsync(new ResourceWrite(UserKey("early"), UserDocument("early"), T0.AddTicks(1), []), Ct);
        await Store.CreateAsync(new ResourceWrite(UserKey("middle"), UserDocument("middle"), T0.AddTicks(2), []), Ct);

        Assert.Equal(["early", "middle", "late"], await QueryIdsAsync(UserType, null, new SortSpec(Path("meta.created"), false)));
        Assert.Equal(["late", "middle", "early"], await QueryIdsAsync(UserType, null, new SortSpec(Path("meta.lastModified"), true)));
    }

    [Fact]
    public async Task Get_ReturnsTheInstantsWrittenToTheTick()
    {
        var created = T0.AddTicks(1_234_567);
        await Store.CreateAsync(new ResourceWrite(UserKey("u1"), UserDocument("one"), created, []), Ct);
        await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), null, null, created.AddTicks(1)), 1, Ct);

        var read = await GetAsync(UserKey("u1"));

        Assert.Equal((created, created.AddTicks(1)), (read.Created, read.LastModified));
    }
}
