using System.Net;
using Microsoft.Data.Sqlite;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.OperatorConsole;

/// <summary>
/// The cookie keys are kept in the store, so a cookie issued by one replica is accepted by another one reading the
/// same store, and by the same replica after a restart.
/// </summary>
public sealed class ConsoleKeyRingTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private ScimApiFactory Replica()
    {
        var factory = new ScimApiFactory().WithConsole();
        factory.Settings["Storage:Sqlite:Path"] = _directory.File("shared.db");
        return factory;
    }

    [Fact]
    public async Task ACookieFromOneReplica_IsAcceptedByAnotherOverTheSameStore()
    {
        string cookie;
        using (var first = Replica())
        {
            using var browser = first.CreateBrowser();
            var signIn = await browser.SignInAsync(first.AdminToken);
            cookie = signIn.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("__Host-scim-console=", StringComparison.Ordinal)).Split(';')[0];
        }

        SqliteConnection.ClearAllPools();
        using var second = Replica();
        using var client = second.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console");
        request.Headers.Add("Cookie", cookie);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
    }
}
