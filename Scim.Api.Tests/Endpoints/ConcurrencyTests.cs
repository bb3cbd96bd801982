using System.Net;
using System.Text.Json.Nodes;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

public sealed class ConcurrencyTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    [Fact]
    public async Task ParallelPatchesAddingDifferentMembers_AllEndUpPresent()
    {
        using var client = factory.CreateScimClient();
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));
        var uri = $"/scim/v2/Groups/{group.Id()}";
        var memberIds = Enumerable.Range(0, 24).Select(i => $"member-{i}").ToList();

        var responses = await Task.WhenAll(memberIds.Select(id => client.PatchAsync(uri,
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{id}}"}]}]}""")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        var fetched = await (await client.GetAsync(uri)).BodyAsync();
        var present = fetched["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(memberIds.Order(), present);
    }

    [Fact]
    public async Task ParallelPatchesOfOneAttribute_NeverLoseAnUpdate()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var uri = $"/scim/v2/Users/{user.Id()}";
        var values = Enumerable.Range(0, 16).Select(i => $"value-{i}").ToList();

        var responses = await Task.WhenAll(values.Select(v => client.PatchAsync(uri,
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"emails","value":[{"value":"{{v}}@example.com"}]}]}""")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        var fetched = await (await client.GetAsync(uri)).BodyAsync();
        Assert.Equal(values.Count, fetched["emails"]!.AsArray().Count);
        Assert.Equal($"W/\"{values.Count + 1}\"", fetched["meta"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task ParallelCreatesOfOneUserNameInDifferentCases_CreateExactlyOne()
    {
        using var client = factory.CreateScimClient();
        var name = ScimHttp.UniqueName("race");
        var variants = Enumerable.Range(0, 16).Select(i => i % 2 == 0 ? name.ToUpperInvariant() : name + "").Select((n, i) =>
            i % 3 == 0 ? n : n.ToLowerInvariant()).ToList();

        var responses = await Task.WhenAll(variants.Select(v =>
            client.PostAsync("/scim/v2/Users", ScimHttp.Json(new JsonObject { ["userName"] = v }))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(variants.Count - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }
}
