using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Scim.Api.Tests.Endpoints;

/// <summary>Small helpers so tests read as requests and expectations.</summary>
internal static class ScimHttp
{
    public const string ScimJson = "application/scim+json";

    public const string PatchOp = Scim.Api.Core.Schema.ScimSchemaIds.PatchOp;

    public static StringContent Json(string json, string mediaType = ScimJson) => new(json, Encoding.UTF8, mediaType);

    public static StringContent Json(JsonNode json) => Json(json.ToJsonString());

    public static async Task<JsonObject> BodyAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException("empty body");
    }

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string uri, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, uri) { Content = Json(json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonObject> CreateUserAsync(this HttpClient client, string userName, string extra = "")
    {
        var response = await client.PostAsync("/scim/v2/Users", Json(
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}"{{extra}}}"""));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.BodyAsync();
    }

    public static async Task<JsonObject> CreateGroupAsync(this HttpClient client, string displayName, params string[] memberIds)
    {
        var members = string.Join(",", memberIds.Select(id => $$"""{"value":"{{id}}"}"""));
        var response = await client.PostAsync("/scim/v2/Groups", Json(
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{displayName}}","members":[{{members}}]}"""));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.BodyAsync();
    }

    public static string Id(this JsonObject resource) => resource["id"]!.GetValue<string>();

    public static async Task AssertScimErrorAsync(this HttpResponseMessage response, int status, string? scimType = null)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(ScimJson, response.Content.Headers.ContentType?.MediaType);
        var body = await response.BodyAsync();
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", body["schemas"]![0]!.GetValue<string>());
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), body["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["detail"]?.GetValue<string>()));
        if (scimType is not null)
        {
            Assert.Equal(scimType, body["scimType"]?.GetValue<string>());
        }
    }

    public static string UniqueName(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}";

    public static MediaTypeWithQualityHeaderValue Accept(string mediaType) => new(mediaType);
}
