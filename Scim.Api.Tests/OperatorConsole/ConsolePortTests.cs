using System.Net;
using Scim.Api.OperatorConsole;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.OperatorConsole;

/// <summary>
/// With <c>Scim:Admin:Port</c> set the console lives on that port only: on the port the identity providers (and the
/// ingress) reach, its pages, its sign-in form and its OpenID Connect callback do not exist, whatever Host is claimed.
/// </summary>
public sealed class ConsolePortTests : IDisposable
{
    private const int AdminPort = 8081;
    private readonly ScimApiFactory _factory;

    public ConsolePortTests()
    {
        _factory = new ScimApiFactory().WithConsole();
        _factory.Settings["Scim:Admin:Port"] = "8081";
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/signin")]
    [InlineData("/console/signin-oidc")]
    [InlineData("/console/assets/console.css")]
    [InlineData("/console/tenants/tenant-a/users")]
    public async Task OnThePublicPort_TheConsoleIsNotFound(string path)
    {
        using var server = _factory.WithSimulatedConnections();
        using var throughTheIngress = server.ClientOn(SimulatedConnections.PublicPort);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = $"localhost:{AdminPort}";

        Assert.Equal(HttpStatusCode.NotFound, (await throughTheIngress.SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task OnThePublicPort_ASignInPostIsNotFound()
    {
        using var server = _factory.WithSimulatedConnections();
        using var throughTheIngress = server.ClientOn(SimulatedConnections.PublicPort);

        var response = await throughTheIngress.PostAsync("/console/signin", new FormUrlEncodedContent([KeyValuePair.Create("token", _factory.AdminToken)]), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OnThePublicPort_TheRootSaysWhereTheApiIs()
    {
        using var server = _factory.WithSimulatedConnections();
        using var throughTheIngress = server.ClientOn(SimulatedConnections.PublicPort);

        var root = await throughTheIngress.GetAsync("/", Ct);

        Assert.Equal(ConsoleEndpoints.DisabledText, await root.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task OnTheAdminPort_TheConsoleAnswers()
    {
        using var server = _factory.WithSimulatedConnections();
        using var admin = server.ClientOn(AdminPort);

        Assert.Equal(ConsoleRoutes.Root, (await admin.GetAsync("/", Ct)).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/console/signin", Ct)).StatusCode);
    }
}
