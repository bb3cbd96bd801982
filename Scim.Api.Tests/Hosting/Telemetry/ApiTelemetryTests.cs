using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Scim.Api.Hosting.Telemetry;
using Scim.Api.Storage;
using Scim.Api.Tests.Endpoints;
using static Scim.Api.Tests.Hosting.Telemetry.MetricAssert;
using static Scim.Api.Tests.Hosting.Telemetry.TelemetryApiFixture;
using static Scim.Api.Tests.Hosting.Telemetry.TelemetryAssert;

namespace Scim.Api.Tests.Hosting.Telemetry;

/// <summary>
/// Spans and metrics of real requests, read from the in-memory exporters: a create, a filtered list, a member PATCH and
/// failures. Request metrics are compared before and after each request, tagged with the fixture's own tenant.
/// </summary>
public sealed class ApiTelemetryTests(TelemetryApiFixture fixture) : IClassFixture<TelemetryApiFixture>
{
    private (string, object)[] Request(string operation, string type, int status) =>
        [(ScimAttributes.Operation, operation), (ScimAttributes.ResourceType, type), (ScimAttributes.Tenant, fixture.Tenant), (ScimAttributes.StatusCode, status)];

    private static HttpRequestMessage CreateUserRequest(string userName, string givenName, string email) => new(HttpMethod.Post, "/scim/v2/Users")
    {
        Content = ScimHttp.Json($$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}",
             "name":{"givenName":"{{givenName}}"},"emails":[{"value":"{{email}}","type":"work"}]}
            """),
    };

    [Fact]
    public async Task Create_RecordsTheOperationSpanAStoreSpanAndRequestMetrics_WithoutAttributeValues()
    {
        using var client = fixture.CreateClient();
        var userName = ScimHttp.UniqueName("ada");
        var (givenName, email) = ("Givenname" + Guid.NewGuid().ToString("N")[..6], $"{userName}@mail.example");
        var requests = Request("create", "User", 201);
        var before = fixture.CollectMetrics();

        var (response, traceId) = await SendTracedAsync(client, CreateUserRequest(userName, givenName, email));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var spans = await fixture.SpansOfTraceAsync(traceId);
        var server = ServerSpan(spans);
        var operation = Span(spans, "SCIM create User");
        Assert.Equal(server.SpanId, operation.ParentSpanId);
        HasTags(operation, (ScimAttributes.Operation, "create"), (ScimAttributes.ResourceType, "User"),
            (ScimAttributes.Tenant, fixture.Tenant), (ScimAttributes.StatusCode, 201));
        Assert.Equal(ActivityStatusCode.Unset, operation.Status);
        var store = Span(spans, "Store create User");
        Assert.Equal(operation.SpanId, store.ParentSpanId);
        HasTags(store, (ScimAttributes.Store, InstrumentedResourceStore.Sqlite), (ScimAttributes.StoreOperation, "create"),
            (ScimAttributes.Tenant, fixture.Tenant), (ScimAttributes.StoreOutcome, InstrumentedResourceStore.Succeeded));
        CarriesNone(spans, userName, givenName, email, fixture.Token);

        var after = fixture.CollectMetrics();
        Assert.Equal(1, Sum(after, ScimMetrics.RequestsName, requests) - Sum(before, ScimMetrics.RequestsName, requests));
        Assert.Equal(1, HistogramCount(after, ScimMetrics.RequestDurationName, requests) - HistogramCount(before, ScimMetrics.RequestDurationName, requests));
        Assert.True(HistogramCount(after, ScimMetrics.StoreDurationName, (ScimAttributes.Store, "sqlite"), (ScimAttributes.StoreOperation, "create"),
            (ScimAttributes.ResourceType, "User"), (ScimAttributes.StoreOutcome, "ok")) >= 1);
    }

    [Fact]
    public async Task FilteredList_RecordsAListSpanWithAStoreQuery_AndNeverTheFilterText()
    {
        using var client = fixture.CreateClient();
        var userName = ScimHttp.UniqueName("grace");
        await client.CreateUserAsync(userName);
        var requests = Request("list", "User", 200);
        var before = fixture.CollectMetrics();

        var filter = Uri.EscapeDataString($"userName eq \"{userName}\"");
        var (response, traceId) = await SendTracedAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/scim/v2/Users?filter={filter}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.BodyAsync())["totalResults"]!.GetValue<long>());
        var spans = await fixture.SpansOfTraceAsync(traceId);
        HasTags(Span(spans, "SCIM list User"), (ScimAttributes.Operation, "list"), (ScimAttributes.StatusCode, 200));
        HasTags(Span(spans, "Store query User"), (ScimAttributes.StoreOperation, "query"), (ScimAttributes.Results, 1));
        CarriesNone(spans, userName, "userName eq", fixture.Token);

        var after = fixture.CollectMetrics();
        Assert.Equal(1, Sum(after, ScimMetrics.RequestsName, requests) - Sum(before, ScimMetrics.RequestsName, requests));
        Assert.True(HistogramCount(after, ScimMetrics.StoreDurationName, (ScimAttributes.StoreOperation, "query"), (ScimAttributes.ResourceType, "User")) >= 1);
    }

    [Fact]
    public async Task APatchInsideABulkRequest_IsCountedLikeAPatchOfItsOwn()
    {
        using var client = fixture.CreateClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName("bulk"));
        (string, object)[] replaceOnUser = [(ScimAttributes.PatchOp, "replace"), (ScimAttributes.ResourceType, "User"), (ScimAttributes.Tenant, fixture.Tenant)];
        var before = fixture.CollectMetrics();

        var response = await client.PostAsync("/scim/v2/Bulk", ScimHttp.Json($$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
              {"method":"PATCH","path":"/Users/{{{user.Id()}}}","data":{"schemas":["{{{ScimHttp.PatchOp}}}"],"Operations":[
                {"op":"replace","path":"title","value":"A"},{"op":"replace","path":"nickName","value":"B"}]}}]}
            """), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = fixture.CollectMetrics();
        Assert.Equal(2, Sum(after, ScimMetrics.PatchOperationsName, replaceOnUser) - Sum(before, ScimMetrics.PatchOperationsName, replaceOnUser));
    }

    [Fact]
    public async Task MemberPatch_CountsPatchOperationsByOp_AndMembersAddedAndRemoved()
    {
        using var client = fixture.CreateClient();
        var alice = await client.CreateUserAsync(ScimHttp.UniqueName("alice"));
        var bob = await client.CreateUserAsync(ScimHttp.UniqueName("bob"));
        var newName = ScimHttp.UniqueName("Renamed Team");
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("team"));
        var uri = $"/scim/v2/Groups/{group.Id()}";
        (string, object)[] groupOfTenant = [(ScimAttributes.ResourceType, "Group"), (ScimAttributes.Tenant, fixture.Tenant)];
        (string, object)[] Op(string op) => [(ScimAttributes.PatchOp, op), .. groupOfTenant];
        var before = fixture.CollectMetrics();

        var (added, addTrace) = await SendTracedAsync(client, new HttpRequestMessage(HttpMethod.Patch, uri)
        {
            Content = ScimHttp.Json($$"""
                {"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[
                  {"op":"add","path":"members","value":[{"value":"{{alice.Id()}}"},{"value":"{{bob.Id()}}"}]},
                  {"op":"Replace","path":"displayName","value":"{{newName}}"}]}
                """),
        });
        var (removed, _) = await SendTracedAsync(client, new HttpRequestMessage(HttpMethod.Patch, uri)
        {
            Content = ScimHttp.Json($$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"remove","path":"members[value eq \"{{alice.Id()}}\"]"}]}"""),
        });

        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var spans = await fixture.SpansOfTraceAsync(addTrace);
        HasTags(Span(spans, "SCIM patch Group"), (ScimAttributes.Operation, "patch"), (ScimAttributes.StatusCode, 204));
        HasTags(Span(spans, "Store update Group"), (ScimAttributes.MembersAdded, 2), (ScimAttributes.MembersRemoved, 0));
        CarriesNone(spans, newName);

        var after = fixture.CollectMetrics();
        Assert.Equal(1, Sum(after, ScimMetrics.PatchOperationsName, Op("add")) - Sum(before, ScimMetrics.PatchOperationsName, Op("add")));
        Assert.Equal(1, Sum(after, ScimMetrics.PatchOperationsName, Op("replace")) - Sum(before, ScimMetrics.PatchOperationsName, Op("replace")));
        Assert.Equal(1, Sum(after, ScimMetrics.PatchOperationsName, Op("remove")) - Sum(before, ScimMetrics.PatchOperationsName, Op("remove")));
        Assert.Equal(2, Sum(after, ScimMetrics.MembersAddedName, groupOfTenant) - Sum(before, ScimMetrics.MembersAddedName, groupOfTenant));
        Assert.Equal(1, Sum(after, ScimMetrics.MembersRemovedName, groupOfTenant) - Sum(before, ScimMetrics.MembersRemovedName, groupOfTenant));
        var patches = Request("patch", "Group", 204);
        Assert.Equal(2, Sum(after, ScimMetrics.RequestsName, patches) - Sum(before, ScimMetrics.RequestsName, patches));
    }

    [Fact]
    public async Task NotFound_IsTaggedWithItsStatus_NotMarkedAsAnError_AndLoggedAtDebugInTheSameTrace()
    {
        using var client = fixture.CreateClient();
        var requests = Request("get", "User", 404);
        var before = fixture.CollectMetrics();

        var (response, traceId) = await SendTracedAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/scim/v2/Users/{Guid.NewGuid()}"));

        await response.AssertScimErrorAsync(404);
        var spans = await fixture.SpansOfTraceAsync(traceId);
        var operation = Span(spans, "SCIM get User");
        HasTags(operation, (ScimAttributes.StatusCode, 404), (ScimAttributes.Tenant, fixture.Tenant));
        Assert.Equal(ActivityStatusCode.Unset, operation.Status);
        HasTags(Span(spans, "Store get User"), (ScimAttributes.StoreOutcome, InstrumentedResourceStore.Succeeded));
        var after = fixture.CollectMetrics();
        Assert.Equal(1, Sum(after, ScimMetrics.RequestsName, requests) - Sum(before, ScimMetrics.RequestsName, requests));
        Assert.Contains(fixture.Logs, log => log.TraceId == traceId && log.Level == LogLevel.Debug
            && log.Category == "Scim.Api.Hosting.ScimExceptionHandler" && log.Text.Contains("404", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Conflict_MarksTheStoreCallRejected_AndKeepsTheDuplicateNameOutOfSpansAndLogs()
    {
        using var client = fixture.CreateClient();
        var userName = ScimHttp.UniqueName("dup");
        await client.CreateUserAsync(userName);
        var requests = Request("create", "User", 409);
        var before = fixture.CollectMetrics();

        var (response, traceId) = await SendTracedAsync(client, CreateUserRequest(userName, "Given", "dup@mail.example"));

        await response.AssertScimErrorAsync(409, "uniqueness");
        var spans = await fixture.SpansOfTraceAsync(traceId);
        HasTags(Span(spans, "SCIM create User"), (ScimAttributes.StatusCode, 409));
        var store = Span(spans, "Store create User");
        HasTags(store, (ScimAttributes.StoreOutcome, InstrumentedResourceStore.Rejected), (ScimAttributes.StatusCode, 409));
        Assert.Equal(ActivityStatusCode.Unset, store.Status);
        CarriesNone(spans, userName);
        Assert.DoesNotContain(fixture.Logs, log => log.Text.Contains(userName, StringComparison.OrdinalIgnoreCase));

        var after = fixture.CollectMetrics();
        Assert.Equal(1, Sum(after, ScimMetrics.RequestsName, requests) - Sum(before, ScimMetrics.RequestsName, requests));
        Assert.True(HistogramCount(after, ScimMetrics.StoreDurationName, (ScimAttributes.StoreOperation, "create"),
            (ScimAttributes.StoreOutcome, InstrumentedResourceStore.Rejected)) >= 1);
    }

    [Fact]
    public async Task HealthEndpoints_AreNotTraced()
    {
        using var client = fixture.CreateClient();
        var (live, liveTrace) = await SendTracedAsync(client, new HttpRequestMessage(HttpMethod.Get, "/health/live"));
        var (ready, readyTrace) = await SendTracedAsync(client, new HttpRequestMessage(HttpMethod.Get, "/health/ready"));
        var (_, laterTrace) = await SendTracedAsync(client, new HttpRequestMessage(HttpMethod.Get, "/scim/v2/Users?count=0"));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.NotEmpty(await fixture.SpansOfTraceAsync(laterTrace));
        Assert.Empty(fixture.SpansOf(liveTrace));
        Assert.Empty(fixture.SpansOf(readyTrace));
    }

    [Fact]
    public async Task Unauthenticated_IsCountedWithoutATenant()
    {
        using var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");

        var (response, traceId) = await SendTracedAsync(client, new HttpRequestMessage(HttpMethod.Get, "/scim/v2/Groups"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var operation = Span(await fixture.SpansOfTraceAsync(traceId), "SCIM list Group");
        HasTags(operation, (ScimAttributes.StatusCode, 401));
        Assert.Null(operation.GetTagItem(ScimAttributes.Tenant));
        CarriesNone([operation], "not-a-token");
    }

    [Fact]
    public void RateLimitRejection_IsCountedForTheTenant()
    {
        var before = Sum(fixture.CollectMetrics(), ScimMetrics.RateLimitRejectionsName, (ScimAttributes.Tenant, fixture.Tenant));

        ScimMetrics.RecordRateLimitRejection(fixture.Tenant);

        var after = Sum(fixture.CollectMetrics(), ScimMetrics.RateLimitRejectionsName, (ScimAttributes.Tenant, fixture.Tenant));
        Assert.Equal(1, after - before);
    }

    [Fact]
    public async Task ResourcesGauge_ReportsTheStoredCountOfTheTenantAndType()
    {
        using var client = fixture.CreateClient();
        await client.CreateUserAsync(ScimHttp.UniqueName("counted"));
        var total = (await (await client.GetAsync("/scim/v2/Users?count=0", TestContext.Current.CancellationToken)).BodyAsync())["totalResults"]!.GetValue<long>();

        await fixture.HostedService<ResourceCountGauge>().RefreshAsync(TestContext.Current.CancellationToken);

        Assert.Equal(total, GaugeLong(fixture.CollectMetrics(), ScimMetrics.ResourcesName,
            (ScimAttributes.Tenant, fixture.Tenant), (ScimAttributes.ResourceType, "User")));
    }

    [Fact]
    public async Task StoreAvailableGauge_IsOneWhileTheStoreCheckPasses()
    {
        var health = fixture.Service<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();
        var report = await health.CheckHealthAsync(TestContext.Current.CancellationToken);
        await fixture.Services<Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheckPublisher>().OfType<StoreAvailabilityGauge>().Single()
            .PublishAsync(report, TestContext.Current.CancellationToken);

        var points = Points(fixture.CollectMetrics(), ScimMetrics.StoreAvailableName, (ScimAttributes.Store, "sqlite")).ToList();

        Assert.NotEmpty(points);
        Assert.All(points, point => Assert.Equal(1, point.GetGaugeLastValueLong()));
    }
}
