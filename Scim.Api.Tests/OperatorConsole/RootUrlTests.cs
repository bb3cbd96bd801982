using System.Net;
using Scim.Api.OperatorConsole;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.OperatorConsole;

/// <summary>The root URL: the console when it is on (on the port it is served on), else where the API is.</summary>
public sealed class RootUrlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithTheConsoleOff_TheRootSaysWhereTheApiIs_AndTheConsoleDoesNotExist()
    {
        using var factory = new ScimApiFactory();
        using var client = factory.CreateBrowser();

        var root = await client.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("text/plain", root.Content.Headers.ContentType?.MediaType);
        var text = await root.Content.ReadAsStringAsync(Ct);
        Assert.Contains("/scim/v2", text, StringComparison.Ordinal);
        Assert.Contains("README", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/console", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/console/signin", Ct)).StatusCode);
    }

    [Fact]
    public async Task WithTheConsoleOn_TheRootLeadsToIt()
    {
        using var factory = new ScimApiFactory().WithConsole();
        using var client = factory.CreateBrowser();

        var root = await client.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal(ConsoleRoutes.Root, root.Headers.Location!.OriginalString);
    }
}
