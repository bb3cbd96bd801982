using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Core.Schema;

public class ResourceUrisTests
{
    [Theory]
    [InlineData("Users/2819c223", "2819c223")]
    [InlineData("../Users/2819c223", "2819c223")]
    [InlineData("/scim/v2/Users/2819c223/", "2819c223")]
    [InlineData("https://example.com/scim/v2/Users/2819c223", "2819c223")]
    [InlineData("https://example.com/scim/v2/Users/2819c223?attributes=userName#x", "2819c223")]
    [InlineData("https://example.com/scim/v2/Users/a%2Fb%20c", "a/b c")]
    [InlineData("2819c223", "2819c223")]
    public void IdOf_AReference_IsItsLastPathSegment(string reference, string id) =>
        Assert.Equal(id, ResourceUris.IdOf(reference));

    [Theory]
    [InlineData("")]
    [InlineData("https://example.com")]
    [InlineData("https://example.com/")]
    [InlineData("Users/..")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User")]
    public void IdOf_AReferenceNamingNoResource_IsNull(string reference) =>
        Assert.Null(ResourceUris.IdOf(reference));

    [Fact]
    public void Relative_IsTheEndpointAndTheEscapedId() =>
        Assert.Equal("Users/a%2Fb", ResourceUris.Relative(BuiltInSchemas.UserResourceType, "a/b"));
}
