using System.Net;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>
/// <c>Scim:Admin:Port</c>: the admin API answers only connections that arrive on that local port; on the public port
/// it does not exist, whatever the request's Host header claims. Provisioning is unaffected.
/// </summary>
public sealed class AdminPortTests
{
    private const int AdminPort = 8081;

    public static TheoryData<string> AdminReads => new("/admin/v1/audit", "/admin/v1/tenants/tenant-a/deleted");

    private static ScimApiFactory Factory(string? adminPort)
    {
        var factory = new ScimApiFactory();
        if (adminPort is not null)
        {
            factory.Settings["Scim:Admin:Port"] = adminPort;
        }

        return factory;
    }

    [Theory]
    [MemberData(nameof(AdminReads))]
    public async Task WithAnAdminPort_TheAdminApiAnswersOnIt(string path)
    {
        using var factory = Factory("8081");
        using var server = factory.WithSimulatedConnections();
        using var admin = server.ClientOn(AdminPort, factory.AdminToken);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(AdminReads))]
    public async Task WithAnAdminPort_TheAdminApiIsNotFoundOnThePublicPort_EvenWithTheAdminToken(string path)
    {
        using var factory = Factory("8081");
        using var server = factory.WithSimulatedConnections();
        using var throughTheIngress = server.ClientOn(SimulatedConnections.PublicPort, factory.AdminToken);

        Assert.Equal(HttpStatusCode.NotFound, (await throughTheIngress.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task WithAnAdminPort_ARestoreOnThePublicPortIsNotFound_AndRestoresNothing()
    {
        using var factory = Factory("8081");
        using var server = factory.WithSimulatedConnections();
        using var scim = server.ClientOn(SimulatedConnections.PublicPort, factory.WriteToken);
        var user = await scim.CreateUserAsync(ScimHttp.UniqueName());
        Assert.Equal(HttpStatusCode.NoContent, (await scim.DeleteAsync($"/scim/v2/Users/{user.Id()}", TestContext.Current.CancellationToken)).StatusCode);
        using var throughTheIngress = server.ClientOn(SimulatedConnections.PublicPort, factory.AdminToken);

        Assert.Equal(HttpStatusCode.NotFound, (await throughTheIngress.RestoreAsync("Users", user.Id())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scim.GetAsync($"/scim/v2/Users/{user.Id()}", TestContext.Current.CancellationToken)).StatusCode);
        using var admin = server.ClientOn(AdminPort, factory.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await admin.RestoreAsync("Users", user.Id())).StatusCode);
    }

    [Theory]
    [InlineData("localhost:8081")]
    [InlineData("scim.example.com:8081")]
    public async Task WithAnAdminPort_AForgedHostHeaderOnThePublicPortDoesNotReachIt(string forgedHost)
    {
        using var factory = Factory("8081");
        using var server = factory.WithSimulatedConnections();
        using var throughTheIngress = server.ClientOn(SimulatedConnections.PublicPort, factory.AdminToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/audit");
        request.Headers.Host = forgedHost;

        Assert.Equal(HttpStatusCode.NotFound, (await throughTheIngress.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task WithAnAdminPort_ProvisioningStillAnswersOnThePublicPort()
    {
        using var factory = Factory("8081");
        using var server = factory.WithSimulatedConnections();
        using var scim = server.ClientOn(SimulatedConnections.PublicPort, factory.WriteToken);

        await scim.CreateUserAsync(ScimHttp.UniqueName());
        Assert.Equal(HttpStatusCode.OK, (await scim.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task WithoutAnAdminPort_TheAdminApiAnswersOnEveryPort()
    {
        using var factory = Factory(null);
        using var server = factory.WithSimulatedConnections();
        using var admin = server.ClientOn(SimulatedConnections.PublicPort, factory.AdminToken);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/v1/audit", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    public void AnAdminPortThatIsNoTcpPort_StopsTheStart_NamingTheKey(string port)
    {
        using var factory = Factory(port);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Scim:Admin:Port", error.ToString(), StringComparison.Ordinal);
    }
}
