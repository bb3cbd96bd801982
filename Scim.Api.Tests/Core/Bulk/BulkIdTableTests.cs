using Scim.Api.Core.Bulk;
using Scim.Api.Core.Errors;

namespace Scim.Api.Tests.Core.Bulk;

public sealed class BulkIdTableTests
{
    private static BulkIdTable Table() => new(BulkJson.Operations(
        BulkJson.PostUser("alice"), BulkJson.PostUser("bob"), """{"method":"DELETE","path":"/Users/1","bulkId":"gone"}"""));

    [Fact]
    public void Resolve_CreatedBulkId_IsTheNewId()
    {
        var table = Table();
        table.Created("alice", "id-a");
        Assert.Equal("id-a", table.Resolve("alice"));
    }

    [Theory]
    [InlineData("nobody", "'bulkId:nobody' names no POST of this request")]
    [InlineData("gone", "'bulkId:gone' names no POST of this request")]
    [InlineData("bob", "'bulkId:bob' cannot be resolved: Operations[1], the POST that defines it, was not processed")]
    public void Resolve_WithoutAnId_Is409InvalidValueSayingWhy(string bulkId, string detail)
    {
        var error = Assert.Throws<ScimException>(() => Table().Resolve(bulkId));
        Assert.Equal((409, ScimErrorType.InvalidValue), (error.Status, error.ScimType));
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_FailedPost_NamesTheFailedOperation()
    {
        var table = Table();
        table.Created("bob", "id-b");
        table.Failed("bob");
        var error = Assert.Throws<ScimException>(() => table.Resolve("bob"));
        Assert.Contains("Operations[1], the POST that defines it, failed", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void IsSettled_TracksWhetherTheDefiningPostRan()
    {
        var table = Table();
        Assert.False(table.IsSettled("alice"));
        Assert.True(table.IsSettled("nobody"));
        table.Created("alice", "id-a");
        table.Failed("bob");
        Assert.True(table.IsSettled("alice"));
        Assert.True(table.IsSettled("bob"));
        table.Withdraw("alice");
        Assert.False(table.IsSettled("alice"));
        Assert.Throws<ScimException>(() => table.Resolve("alice"));
    }
}
