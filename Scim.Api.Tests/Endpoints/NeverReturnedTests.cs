using System.Net;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>
/// A value that is never returned (password, a writeOnly or returned:never custom attribute or sub-attribute) cannot be
/// probed either: no sort, filter or value filter may depend on it, in lists, searches, attributes= or PATCH paths.
/// </summary>
public sealed class NeverReturnedTests : IClassFixture<NeverReturnedTests.BadgeApiFactory>
{
    private const string BadgeSchema = "urn:example:params:scim:schemas:core:2.0:Badge";
    private readonly BadgeApiFactory _factory;

    public NeverReturnedTests(BadgeApiFactory factory) => _factory = factory;

    public sealed class BadgeApiFactory : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("scim-badge-schemas-").FullName;

        public BadgeApiFactory()
        {
            File.WriteAllText(Path.Combine(_folder, "badge.json"), $$"""
                [{
                  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
                  "id": "{{BadgeSchema}}", "name": "Badge",
                  "attributes": [
                    { "name": "label" },
                    { "name": "pin", "returned": "never", "mutability": "writeOnly" },
                    { "name": "vault", "type": "complex", "multiValued": true, "returned": "never", "subAttributes": [ { "name": "type" } ] },
                    { "name": "keys", "type": "complex", "multiValued": true, "subAttributes": [
                        { "name": "type" }, { "name": "code", "returned": "never" } ] }
                  ]
                },
                {
                  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
                  "id": "Badge", "name": "Badge", "endpoint": "/Badges", "schema": "{{BadgeSchema}}"
                }]
                """);
            Api.Settings["Scim:SchemaFolder"] = _folder;
        }

        public ScimApiFactory Api { get; } = new();

        public void Dispose()
        {
            Api.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("/scim/v2/Users?sortBy=password")]
    [InlineData("/scim/v2/Users?sortBy=PASSWORD&count=1&cursor=")]
    [InlineData("/scim/v2/Badges?sortBy=pin")]
    [InlineData("/scim/v2/Badges?sortBy=pin&cursor=")]
    [InlineData("/scim/v2/Badges?sortBy=keys.code")]
    [InlineData("/scim/v2/Badges?sortBy=vault.type")]
    public async Task SortingByANeverReturnedValue_IsRefused(string uri)
    {
        using var client = _factory.Api.CreateScimClient();

        var response = await client.GetAsync(uri);

        await response.AssertScimErrorAsync(400, "invalidValue");
    }

    [Fact]
    public async Task SortingByANeverReturnedValue_IsRefusedInSearchRequests()
    {
        using var client = _factory.Api.CreateScimClient();

        var response = await client.PostAsync("/scim/v2/Users/.search", ScimHttp.Json(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"sortBy":"password","cursor":""}"""));

        await response.AssertScimErrorAsync(400, "invalidValue");
    }

    [Theory]
    [InlineData("/scim/v2/Badges?filter=pin%20pr")]
    [InlineData("/scim/v2/Badges?filter=keys.code%20sw%20%221%22")]
    [InlineData("/scim/v2/Badges?filter=keys%5Bcode%20eq%20%221234%22%5D")]
    [InlineData("/scim/v2/Badges?filter=vault%5Btype%20eq%20%22x%22%5D")]
    [InlineData("/scim/v2/Badges?attributes=keys%5Bcode%20eq%20%221234%22%5D")]
    [InlineData("/scim/v2/Badges?attributes=vault%5Btype%20eq%20%22x%22%5D")]
    public async Task FilteringByANeverReturnedValue_IsRefused_WhetherOrNotAnyResourceHasOne(string uri)
    {
        using var client = _factory.Api.CreateScimClient();

        var response = await client.GetAsync(uri);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.AssertScimErrorAsync(400);
    }

    [Theory]
    [InlineData("keys[code eq \\\"1234\\\"].type")]
    [InlineData("vault[type eq \\\"x\\\"]")]
    public async Task APatchPathFilteringByANeverReturnedValue_IsRefused_EvenWithoutValues(string path)
    {
        using var client = _factory.Api.CreateScimClient();
        var created = await client.PostAsync("/scim/v2/Badges", ScimHttp.Json(
            $$"""{"schemas":["{{BadgeSchema}}"],"label":"{{ScimHttp.UniqueName("b")}}","pin":"1234"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.BodyAsync()).Id();

        var response = await client.PatchAsync($"/scim/v2/Badges/{id}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","path":"{{path}}","value":"x"}]}""");

        await response.AssertScimErrorAsync(400, "invalidFilter");
    }
}
