using System.Net;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

public sealed class DiscoveryTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    [Theory]
    [InlineData("/scim/v2/ServiceProviderConfig")]
    [InlineData("/scim/v2/serviceConfiguration")]
    public async Task ServiceProviderConfig_AdvertisesWhatIsEnforced(string path)
    {
        using var client = factory.CreateScimClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.BodyAsync();
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", body["schemas"]![0]!.GetValue<string>());
        Assert.True(body["patch"]!["supported"]!.GetValue<bool>());
        Assert.True(body["filter"]!["supported"]!.GetValue<bool>());
        Assert.Equal(1000, body["filter"]!["maxResults"]!.GetValue<int>());
        Assert.True(body["sort"]!["supported"]!.GetValue<bool>());
        Assert.True(body["etag"]!["supported"]!.GetValue<bool>());
        Assert.True(body["bulk"]!["supported"]!.GetValue<bool>());
        Assert.Equal(1000, body["bulk"]!["maxOperations"]!.GetValue<int>());
        Assert.Equal(4 * 1024 * 1024, body["bulk"]!["maxPayloadSize"]!.GetValue<int>());
        Assert.Equal("oauthbearertoken", body["authenticationSchemes"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Schemas_ListsUserGroupAndEnterprise()
    {
        using var client = factory.CreateScimClient();
        var body = await (await client.GetAsync("/scim/v2/Schemas")).BodyAsync();
        var ids = body["Resources"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("urn:ietf:params:scim:schemas:core:2.0:User", ids);
        Assert.Contains("urn:ietf:params:scim:schemas:core:2.0:Group", ids);
        Assert.Contains("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", ids);
        Assert.Contains("User Account", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchemaById_ReturnsOneSchema_AndUnknownIs404()
    {
        using var client = factory.CreateScimClient();
        var body = await (await client.GetAsync("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group")).BodyAsync();
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:Group", body["id"]!.GetValue<string>());
        await (await client.GetAsync("/scim/v2/Schemas/urn:nope")).AssertScimErrorAsync(404);
    }

    [Fact]
    public async Task ResourceTypes_ListUsersFirst_AndByName()
    {
        using var client = factory.CreateScimClient();
        var list = await (await client.GetAsync("/scim/v2/ResourceTypes")).BodyAsync();
        Assert.Equal("/Users", list["Resources"]![0]!["endpoint"]!.GetValue<string>());
        var user = await (await client.GetAsync("/scim/v2/ResourceTypes/User")).BodyAsync();
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:User", user["schema"]!.GetValue<string>());
        await (await client.GetAsync("/scim/v2/ResourceTypes/Nope")).AssertScimErrorAsync(404);
    }
}
