using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scim.Api.Core.Storage;
using Scim.Api.Hosting;
using Scim.Api.Hosting.Security;
using Scim.Api.Storage.Sqlite;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>Every limit answers with a clear 4xx (503 for the timeout) and the SCIM error body: never a 500, never a hang.</summary>
public sealed class LimitsTests : IClassFixture<LimitsTests.SmallLimits>
{
    private readonly SmallLimits _fixture;

    public LimitsTests(SmallLimits fixture) => _fixture = fixture;

    public sealed class SmallLimits : IDisposable
    {
        public SmallLimits()
        {
            Api.Settings["Scim:MaxStringBytes"] = "1024";
            Api.Settings["Scim:MaxMembersPerRequest"] = "2";
            Api.Settings["Scim:MaxPayloadBytes"] = "65536";
        }

        public ScimApiFactory Api { get; } = new();

        public void Dispose() => Api.Dispose();
    }

    [Theory]
    [InlineData("""{"userName":"{name}","title":"{long}"}""", "string")]
    [InlineData("""{"userName":"{name}","{long}":"x"}""", "member name")]
    [InlineData("""{"userName":"{name}","emails":[{"value":"a@example.com","display":"{long}"}]}""", "string")]
    public async Task JsonStringLongerThanTheLimit_Is400InvalidValue(string template, string what)
    {
        using var client = _fixture.Api.CreateScimClient();
        var body = template.Replace("{name}", ScimHttp.UniqueName(), StringComparison.Ordinal)
            .Replace("{long}", new string('x', 1025), StringComparison.Ordinal);
        var response = await client.PostAsync("/scim/v2/Users", ScimHttp.Json(body));
        await response.AssertScimErrorAsync(400, "invalidValue");
        var detail = (await response.BodyAsync())["detail"]!.GetValue<string>();
        Assert.Contains($"JSON {what}", detail, StringComparison.Ordinal);
        Assert.Contains("Scim:MaxStringBytes", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonStringAtTheLimit_IsAccepted()
    {
        using var client = _fixture.Api.CreateScimClient();
        var response = await client.PostAsync("/scim/v2/Users", ScimHttp.Json(
            $$"""{"userName":"{{ScimHttp.UniqueName()}}","title":"{{new string('x', 1024)}}"}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task LongStringInAPatch_IsRefusedToo()
    {
        using var client = _fixture.Api.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var response = await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","path":"title","value":"{{new string('y', 2000)}}"}]}""");
        await response.AssertScimErrorAsync(400, "invalidValue");
    }

    [Fact]
    public async Task TooManyMembersInOneRequest_Is400TooMany_OnCreatePutAndPatch()
    {
        using var client = _fixture.Api.CreateScimClient();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await client.CreateUserAsync(ScimHttp.UniqueName())).Id());
        }

        var members = string.Join(",", ids.Select(id => $$"""{"value":"{{id}}"}"""));
        var name = ScimHttp.UniqueName("g");
        var group = $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{name}}","members":[{{members}}]}""";
        await (await client.PostAsync("/scim/v2/Groups", ScimHttp.Json(group))).AssertScimErrorAsync(400, "tooMany");

        var existing = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));
        await (await client.PutAsync($"/scim/v2/Groups/{existing.Id()}", ScimHttp.Json(group))).AssertScimErrorAsync(400, "tooMany");
        await (await client.PatchAsync($"/scim/v2/Groups/{existing.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{{members}}]}]}""")).AssertScimErrorAsync(400, "tooMany");
    }

    [Fact]
    public async Task ChunkedBodyOverThePayloadLimit_Is413()
    {
        using var client = _fixture.Api.CreateScimClient();
        var json = $$"""{"userName":"{{ScimHttp.UniqueName()}}","x":[{{string.Join(",", Enumerable.Repeat("\"" + new string('z', 1000) + "\"", 80))}}]}""";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/scim+json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/scim/v2/Users") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        await (await client.SendAsync(request)).AssertScimErrorAsync(413);
    }

    [Fact]
    public void KestrelBodyLimit_IsTheScimPayloadLimit_AndNoServerHeaderIsSent()
    {
        var kestrel = _fixture.Api.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        Assert.Equal(65536, kestrel.Limits.MaxRequestBodySize);
        Assert.False(kestrel.AddServerHeader);
    }

    [Fact]
    public async Task RequestOverTheTimeout_Is503WithRetryAfterAndScimBody_NotAHang()
    {
        using var api = new ScimApiFactory();
        api.Settings["Scim:RequestTimeout"] = "00:00:00.500";
        using var server = api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IResourceStore>(provider => new QueriesNeverReturn(provider.GetRequiredService<SqliteResourceStore>()))));
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", api.WriteToken);
        client.Timeout = TimeSpan.FromSeconds(30);

        var started = DateTime.UtcNow;
        var response = await client.GetAsync("/scim/v2/Users");

        await response.AssertScimErrorAsync(503);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData("Scim:RequestTimeout", "00:00:00", "Scim:RequestTimeout")]
    [InlineData("Scim:MaxStringBytes", "10", "Scim:MaxStringBytes")]
    public async Task InvalidLimit_FailsValidationNamingTheKey(string key, string value, string expected)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create(key, (string?)value)]);
        builder.AddScim();
        await using var app = builder.Build();
        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<RequestLimitOptions>>().Value);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A store whose queries wait until cancelled, as a stuck database would.</summary>
    private sealed class QueriesNeverReturn(IResourceStore inner) : DelegatingResourceStore(inner)
    {
        public override async Task<QueryResult> QueryAsync(ResourceQuery query, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return await base.QueryAsync(query, cancellationToken);
        }
    }
}
