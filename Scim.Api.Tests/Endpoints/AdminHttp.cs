using System.Net;
using System.Text.Json.Nodes;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>The admin API as tests call it.</summary>
internal static class AdminHttp
{
    public static HttpClient CreateAdminClient(this ScimApiFactory factory) => factory.CreateScimClient(factory.AdminToken);

    public static Task<HttpResponseMessage> RestoreAsync(this HttpClient admin, string resourceType, string id, string tenant = ScimApiFactory.Tenant) =>
        admin.PostAsync($"/admin/v1/tenants/{tenant}/{resourceType}/{id}/restore", null);

    public static async Task<JsonArray> AuditOfAsync(this HttpClient admin, string resourceId)
    {
        var response = await admin.GetAsync($"/admin/v1/audit?resourceId={Uri.EscapeDataString(resourceId)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.BodyAsync())["records"]!.AsArray();
    }

    public static async Task<JsonArray> DeletedAsync(this HttpClient admin, string query = "", string tenant = ScimApiFactory.Tenant)
    {
        var response = await admin.GetAsync($"/admin/v1/tenants/{tenant}/deleted{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.BodyAsync())["deleted"]!.AsArray();
    }
}
