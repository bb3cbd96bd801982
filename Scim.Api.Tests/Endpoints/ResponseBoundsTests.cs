using System.Net;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>
/// What one request may ask of the service: filters up to the parser's limits run (never a 5xx), past them they are
/// refused; a response carries at most Scim:MaxMembersPerResponse group members.
/// </summary>
public sealed class ResponseBoundsTests : IClassFixture<ResponseBoundsTests.BoundedApi>
{
    private readonly BoundedApi _api;

    public ResponseBoundsTests(BoundedApi api) => _api = api;

    public sealed class BoundedApi : IDisposable
    {
        public BoundedApi() => Api.Settings["Scim:MaxMembersPerResponse"] = "4";

        public ScimApiFactory Api { get; } = new();

        public void Dispose() => Api.Dispose();
    }

    [Fact]
    public async Task ASearchWithAThousandTermOrFilter_Runs()
    {
        using var client = _api.Api.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var terms = Enumerable.Range(0, 999).Select(i => $"userName eq \\\"nobody-{i}\\\"").Append($"id eq \\\"{user.Id()}\\\"");

        var response = await client.PostAsync("/scim/v2/Users/.search", ScimHttp.Json(
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"{{string.Join(" or ", terms)}}"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.BodyAsync())["totalResults"]!);
    }

    [Fact]
    public async Task AFilterPastTheOperatorLimit_IsInvalidFilter()
    {
        using var client = _api.Api.CreateScimClient();
        var terms = Enumerable.Range(0, 1002).Select(i => $"userName eq \\\"nobody-{i}\\\"");

        var response = await client.PostAsync("/scim/v2/Users/.search", ScimHttp.Json(
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"{{string.Join(" or ", terms)}}"}"""));

        await response.AssertScimErrorAsync(400, "invalidFilter");
    }

    [Fact]
    public async Task AGroupWithMoreMembersThanAResponseCarries_IsTooMany_AndReadsWithoutThem_WhileItsCreationSucceedsWithoutThem()
    {
        using var client = _api.Api.CreateScimClient();
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), "m1", "m2", "m3", "m4", "m5");
        var uri = $"/scim/v2/Groups/{group.Id()}";
        Assert.Null(group["members"]);

        var whole = await client.GetAsync(uri);
        var listed = await client.GetAsync($"/scim/v2/Groups?filter={Uri.EscapeDataString($"id eq \"{group.Id()}\"")}");
        var withoutMembers = await client.GetAsync($"{uri}?excludedAttributes=members");
        var membership = await client.GetAsync(
            $"/scim/v2/Groups?excludedAttributes=members&filter={Uri.EscapeDataString($"id eq \"{group.Id()}\" and members[value eq \"m5\"]")}");

        await whole.AssertScimErrorAsync(400, "tooMany");
        await listed.AssertScimErrorAsync(400, "tooMany");
        Assert.Equal(HttpStatusCode.OK, withoutMembers.StatusCode);
        Assert.Equal(1, (int)(await membership.BodyAsync())["totalResults"]!);
    }
}
