using Scim.Api.Core.Activity;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    private static readonly RequestLogBounds Roomy = new(1_000, TimeSpan.FromDays(7));

    protected IRequestLog RequestLog => (IRequestLog)Store;

    private static RequestLogEntry LogEntry(
        DateTimeOffset at, int status = 200, string tenant = Tenant, string credential = "entra", string? resourceId = "u1",
        string resourceType = "User", double milliseconds = 3, string? detail = null) =>
        new(tenant, at, credential, "Azure AD SCIM Provisioning", "GET", "/scim/v2/Users/{id}", "get", resourceType, resourceId,
            status, status >= 400 ? ScimErrorType.InvalidValue : null, detail, TimeSpan.FromMilliseconds(milliseconds));

    [Fact]
    public async Task RequestLog_ReadsATenantsEntriesNewestFirst_WithEveryFieldAsWritten()
    {
        var first = LogEntry(T0, detail: null);
        var second = LogEntry(T0.AddSeconds(1), status: 409, detail: "A User with userName '…' already exists.", milliseconds: 12.5);
        await RequestLog.AppendAsync([first, second, LogEntry(T0, tenant: OtherTenant)], Roomy, Ct);

        var page = await RequestLog.QueryAsync(new RequestLogQuery(Tenant, null, null, null, null, null, 10), Ct);

        Assert.Equal([second, first], page.Entries.Select(entry => entry.Entry));
        Assert.Null(page.Older);
    }

    [Fact]
    public async Task RequestLog_FiltersByStatusClassCodeResourceAndCredential()
    {
        await RequestLog.AppendAsync(
        [
            LogEntry(T0, 201, resourceId: "u1"),
            LogEntry(T0.AddSeconds(1), 409, resourceId: "u2"),
            LogEntry(T0.AddSeconds(2), 429, resourceId: null, credential: "okta"),
            LogEntry(T0.AddSeconds(3), 500, resourceId: "g1", resourceType: "Group"),
        ], Roomy, Ct);

        async Task<int[]> StatusesAsync(RequestLogQuery query) =>
            [.. (await RequestLog.QueryAsync(query, Ct)).Entries.Select(entry => entry.Entry.Status)];

        Assert.Equal(new[] { 429, 409 }, await StatusesAsync(new RequestLogQuery(Tenant, new StatusRange(400, 499), null, null, null, null, 10)));
        Assert.Equal(new[] { 429 }, await StatusesAsync(new RequestLogQuery(Tenant, new StatusRange(429, 429), null, null, null, null, 10)));
        Assert.Equal(new[] { 500 }, await StatusesAsync(new RequestLogQuery(Tenant, null, "Group", null, null, null, 10)));
        Assert.Equal(new[] { 409 }, await StatusesAsync(new RequestLogQuery(Tenant, null, null, "u2", null, null, 10)));
        Assert.Equal(new[] { 429 }, await StatusesAsync(new RequestLogQuery(Tenant, null, null, null, "okta", null, 10)));
    }

    [Fact]
    public async Task RequestLog_PagesToOlderEntriesByPosition_WithoutRepeatingOrSkipping()
    {
        await RequestLog.AppendAsync([.. Enumerable.Range(0, 7).Select(i => LogEntry(T0.AddSeconds(i), 200 + i))], Roomy, Ct);

        var seen = new List<int>();
        string? before = null;
        do
        {
            var page = await RequestLog.QueryAsync(new RequestLogQuery(Tenant, null, null, null, null, before, 3), Ct);
            seen.AddRange(page.Entries.Select(entry => entry.Entry.Status));
            before = page.Older;
        }
        while (before is not null);

        Assert.Equal([206, 205, 204, 203, 202, 201, 200], seen);
    }

    [Fact]
    public async Task RequestLog_KeepsOnlyTheNewestEntriesOfEachTenant()
    {
        await RequestLog.AppendAsync([.. Enumerable.Range(0, 5).Select(i => LogEntry(T0.AddSeconds(i), 200 + i))], new RequestLogBounds(3, TimeSpan.FromDays(1)), Ct);
        await RequestLog.AppendAsync([LogEntry(T0.AddSeconds(9), 299), LogEntry(T0, 201, tenant: OtherTenant)], new RequestLogBounds(3, TimeSpan.FromDays(1)), Ct);

        var page = await RequestLog.QueryAsync(new RequestLogQuery(Tenant, null, null, null, null, null, 10), Ct);
        var other = await RequestLog.QueryAsync(new RequestLogQuery(OtherTenant, null, null, null, null, null, 10), Ct);

        Assert.Equal([299, 204, 203], page.Entries.Select(entry => entry.Entry.Status));
        Assert.Single(other.Entries);
    }

    [Fact]
    public async Task RequestLog_APositionItNeverGave_Is400()
    {
        var error = await Assert.ThrowsAsync<ScimException>(() => RequestLog.QueryAsync(new RequestLogQuery(Tenant, null, null, null, null, "not-a-position", 10), Ct));

        Assert.Equal(400, error.Status);
    }

    [Fact]
    public async Task RequestLog_CountsEveryRequestByMinuteAndCredential_AndRemembersEachCredentialsLastCalls()
    {
        await RequestLog.AppendAsync([LogEntry(T0, 201, milliseconds: 4), LogEntry(T0.AddSeconds(30), 409, milliseconds: 40)], new RequestLogBounds(1, TimeSpan.FromDays(1)), Ct);
        await RequestLog.AppendAsync([LogEntry(T0.AddMinutes(2), 429), LogEntry(T0.AddMinutes(3), 503, credential: "okta")], new RequestLogBounds(1, TimeSpan.FromDays(1)), Ct);

        var activity = await RequestLog.ActivityAsync(T0.AddHours(-1), T0.AddHours(-1), Ct);

        var entra = Assert.Single(activity, credential => credential.Tenant == Tenant && credential.Credential == "entra");
        Assert.Equal((1L, 2L, 0L, 1L), (entra.Recent.Success, entra.Recent.ClientError, entra.Recent.ServerError, entra.Recent.Throttled));
        Assert.Equal([201, 409, 429], entra.RecentStatuses);
        Assert.Equal(T0.AddMinutes(2), entra.LastAt);
        Assert.Equal("Azure AD SCIM Provisioning", entra.LastClient);
        Assert.Equal(3, entra.Recent.Durations.Sum());
        var okta = Assert.Single(activity, credential => credential.Credential == "okta");
        Assert.Equal(1, okta.Recent.ServerError);
    }

    [Fact]
    public async Task RequestLog_CountsOnlyTheMinutesAskedFor_AndCredentialsThatCalledSince()
    {
        await RequestLog.AppendAsync([LogEntry(T0, 200), LogEntry(T0.AddHours(2), 500)], Roomy, Ct);
        await RequestLog.AppendAsync([LogEntry(T0, 200, credential: "quiet")], Roomy, Ct);

        var activity = await RequestLog.ActivityAsync(T0.AddHours(1), T0.AddHours(1), Ct);

        var entra = Assert.Single(activity);
        Assert.Equal((0L, 1L), (entra.Recent.Success, entra.Recent.ServerError));
    }

    [Fact]
    public async Task RequestLog_PruneDeletesWhatIsOlderThanTheCutoff()
    {
        await RequestLog.AppendAsync([LogEntry(T0, 200), LogEntry(T0.AddDays(2), 201)], Roomy, Ct);

        await RequestLog.PruneAsync(T0.AddDays(1), Ct);

        var page = await RequestLog.QueryAsync(new RequestLogQuery(Tenant, null, null, null, null, null, 10), Ct);
        Assert.Equal([201], page.Entries.Select(entry => entry.Entry.Status));
        Assert.Equal(1, (await RequestLog.ActivityAsync(T0.AddYears(-1), T0.AddYears(-1), Ct)).Single().Recent.Total);
    }

    [Fact]
    public void KeyRing_KeepsEveryKeyAdded_AndAddingAKeyTwiceKeepsTheFirst()
    {
        var keys = (IKeyRingStore)Store;

        keys.Add("key-1", "<key id=\"1\"/>");
        keys.Add("key-2", "<key id=\"2\"/>");
        keys.Add("key-1", "<key id=\"changed\"/>");

        Assert.Equal(["<key id=\"1\"/>", "<key id=\"2\"/>"], keys.ReadAll());
    }

    [Fact]
    public async Task KeyRing_SurvivesAReopen()
    {
        ((IKeyRingStore)Store).Add("key-1", "<key/>");

        Store = await ReopenAsync(Store);

        Assert.Equal(["<key/>"], ((IKeyRingStore)Store).ReadAll());
    }
}
