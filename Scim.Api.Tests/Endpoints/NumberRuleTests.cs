using System.Net;
using System.Text.Json.Nodes;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>
/// One rule for numbers on every write path (POST, PUT, PATCH, Bulk): a number no store can hold exactly is a 400
/// <c>invalidValue</c>, and nothing is written (Core's StorableNumbers).
/// </summary>
public sealed class NumberRuleTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    private const string Extension = "urn:example:params:scim:schemas:extension:numbers:2.0:User";

    public static readonly TheoryData<string> Hostile = new() { "1e7000", "1e-7000", "12345678901234567890123456789012345678" };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Post_WithANumberNoStoreHolds_Is400InvalidValueAndCreatesNothing(string number)
    {
        using var client = factory.CreateScimClient();
        var userName = ScimHttp.UniqueName();

        var response = await client.PostAsync("/scim/v2/Users", ScimHttp.Json($$$"""{"userName":"{{{userName}}}","{{{Extension}}}":{"n":{{{number}}}}}"""));

        await response.AssertScimErrorAsync(400, "invalidValue");
        var search = await client.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString($"userName eq \"{userName}\"")}");
        Assert.Equal(0, (await search.BodyAsync())["totalResults"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task PutAndPatch_WithANumberNoStoreHolds_Are400InvalidValueAndChangeNothing(string number)
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var uri = $"/scim/v2/Users/{user.Id()}";

        var put = await client.PutAsync(uri, ScimHttp.Json($$$"""{"userName":"{{{user["userName"]}}}","{{{Extension}}}":{"n":{{{number}}}}}"""));
        var patch = await client.PatchAsync(uri, $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"{{Extension}}:n","value":{{number}}}]}""");

        await put.AssertScimErrorAsync(400, "invalidValue");
        await patch.AssertScimErrorAsync(400, "invalidValue");
        var read = await (await client.GetAsync(uri)).BodyAsync();
        Assert.Equal(user["meta"]!["version"]!.GetValue<string>(), read["meta"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bulk_WithANumberNoStoreHolds_FailsThatOperationWith400InvalidValue()
    {
        using var client = factory.CreateScimClient();
        var body = BulkTests.Body(BulkTests.PostUser("b1", ScimHttp.UniqueName(), $$""","{{Extension}}":{"n":1e7000}"""));

        var response = await client.PostAsync("/scim/v2/Bulk", ScimHttp.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.BodyAsync())["Operations"]![0]!;
        Assert.Equal("400", result["status"]!.GetValue<string>());
        Assert.Equal("invalidValue", result["response"]!["scimType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_WithTheLargestExactDecimal_ReadsItBack()
    {
        using var client = factory.CreateScimClient();

        var created = await client.CreateUserAsync(ScimHttp.UniqueName(), $$""","{{Extension}}":{"n":79228162514264337593543950335}""");

        var read = await (await client.GetAsync($"/scim/v2/Users/{created.Id()}")).BodyAsync();
        Assert.Equal("79228162514264337593543950335", read[Extension]!["n"]!.ToJsonString());
    }
}
