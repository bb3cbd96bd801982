using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scim.Api.Application;
using Scim.Api.Application.Audit;
using Scim.Api.Application.Bulk;
using Scim.Api.Core.Schema;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Storage;

/// <summary>/Bulk over each store: references, cycles, failOnErrors and roll-back end as the store's content shows.</summary>
public abstract partial class ResourceStoreContractTests
{
    private const string BulkBase = "https://scim.example/scim/v2";

    private Task<JsonObject> BulkAsync(string operations, int? failOnErrors = null, string tenant = Tenant)
    {
        var options = Options.Create(new ScimServiceOptions());
        var executor = new BulkExecutor(TestPipelines.Over(Store, options.Value), SchemaRegistry.CreateDefault(), options);
        var body = JsonNode.Parse($$"""
            {"schemas":["{{ScimSchemaIds.BulkRequest}}"],"failOnErrors":{{failOnErrors?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}},"Operations":[{{operations}}]}
            """);
        return executor.ExecuteAsync(new RequestScope(tenant, "contract", BulkBase), body, Ct);
    }

    private static string BulkUser(string bulkId, string userName) =>
        $$$"""{"method":"POST","path":"/Users","bulkId":"{{{bulkId}}}","data":{"userName":"{{{userName}}}"}}""";

    private static string BulkGroup(string bulkId, string displayName, params string[] memberBulkIds) =>
        $$$"""{"method":"POST","path":"/Groups","bulkId":"{{{bulkId}}}","data":{"displayName":"{{{displayName}}}","members":[{{{string.Join(",", memberBulkIds.Select(b => $"{{\"value\":\"bulkId:{b}\"}}"))}}}]}}""";

    private static string[] BulkStatuses(JsonObject response) => [.. response["Operations"]!.AsArray().Select(r => (string)r!["status"]!)];

    private static string BulkId(JsonObject response, int index) => ((string)response["Operations"]![index]!["location"]!).Split('/')[^1];

    [Fact]
    public async Task Bulk_ForwardBackwardAndCircularReferences_AreStoredAsIds()
    {
        var response = await BulkAsync(string.Join(",",
            BulkGroup("a", "Alpha", "b", "u1", "u2"),
            BulkUser("u1", "first"),
            BulkGroup("b", "Beta", "a"),
            BulkUser("u2", "second")));

        Assert.Equal(["201", "201", "201", "201"], BulkStatuses(response));
        var (a, u1, b, u2) = (BulkId(response, 0), BulkId(response, 1), BulkId(response, 2), BulkId(response, 3));
        Assert.Equal(new[] { b, u1, u2 }.Order(StringComparer.Ordinal), MemberIds(await GetAsync(GroupKey(a))));
        Assert.Equal([a], MemberIds(await GetAsync(GroupKey(b))));
        Assert.Equal(2, (await GetAsync(GroupKey(a))).Version);
    }

    [Fact]
    public async Task Bulk_FailOnErrors_LeavesLaterOperationsUnrun()
    {
        var response = await BulkAsync(string.Join(",", BulkUser("a", "taken"), BulkUser("b", "taken"), BulkUser("c", "never")), failOnErrors: 1);

        Assert.Equal(["201", "409"], BulkStatuses(response));
        Assert.Single(await QueryIdsAsync(UserType, null));
    }

    [Fact]
    public async Task Bulk_CycleWhosePartnerFails_RemovesTheHalfCreatedGroup()
    {
        await CreateGroupAsync("existing", "Taken");

        var response = await BulkAsync(string.Join(",", BulkGroup("a", "Alpha", "b"), BulkGroup("b", "Taken", "a")));

        Assert.Equal(["409", "409"], BulkStatuses(response));
        Assert.Equal(["existing"], await QueryIdsAsync(GroupType, null));
    }

    [Fact]
    public async Task Bulk_OnAnotherTenantsResources_Is404_AndChangesNothing()
    {
        await CreateUserAsync("u1", "bjensen", tenant: OtherTenant);

        var response = await BulkAsync(string.Join(",",
            """{"method":"PUT","path":"/Users/u1","data":{"userName":"hijacked"}}""",
            """{"method":"DELETE","path":"/Users/u1"}"""));

        Assert.Equal(["404", "404"], BulkStatuses(response));
        var user = await GetAsync(UserKey("u1", OtherTenant));
        Assert.Equal(("bjensen", 1L), ((string?)user.Document["userName"], user.Version));
    }
}
