using System.Net;
using System.Text.Json.Nodes;
using Scim.Api.Tests.Endpoints;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Hosting.Network;

/// <summary>
/// X-Forwarded-* decide scheme, host and client address only when they come from a configured proxy; with
/// <c>Scim:PublicBaseUrl</c> set, no header decides any link at all.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string PodNetwork = "10.244.0.0/16";
    private const string IngressPod = "10.244.3.7";

    // What an attacker sends straight at the pod (or through a proxy that passes them on).
    private static readonly (string Name, string Value)[] Forged =
        [("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "198.51.100.1")];

    // What the ingress controller adds for a request to its public host.
    private static readonly (string Name, string Value)[] FromTheIngress =
        [("X-Forwarded-Host", "scim.example.com"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "198.51.100.1")];

    private static ScimApiFactory Factory(params (string Key, string Value)[] settings)
    {
        var factory = new ScimApiFactory();
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    [Theory]
    [InlineData(SimulatedConnections.InternetAddress)]
    [InlineData(IngressPod)]
    [InlineData("127.0.0.1")]
    public async Task ByDefault_NoAddressIsTrusted_AndForwardedHeadersChangeNoLink(string from)
    {
        using var factory = Factory();
        using var server = factory.WithSimulatedConnections();

        var links = await CreateUserAsync(server, factory.WriteToken, from, Forged);

        Assert.All(links, link => Assert.StartsWith("http://localhost/scim/v2/Users/", link, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AspNetCoresOwnSwitch_TrustsNoAddressEither()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true makes ASP.NET Core trust X-Forwarded-* from everyone.
        using var factory = Factory(("FORWARDEDHEADERS_ENABLED", "true"));
        using var server = factory.WithSimulatedConnections();

        var links = await CreateUserAsync(server, factory.WriteToken, SimulatedConnections.InternetAddress, Forged);

        Assert.All(links, link => Assert.StartsWith("http://localhost/scim/v2/Users/", link, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Scim:ForwardedHeaders:KnownNetworks:0", PodNetwork)]
    [InlineData("Scim:ForwardedHeaders:KnownProxies:0", IngressPod)]
    public async Task FromATrustedProxy_TheForwardedSchemeAndHostMakeTheLinks(string key, string value)
    {
        using var factory = Factory((key, value));
        using var server = factory.WithSimulatedConnections();

        var links = await CreateUserAsync(server, factory.WriteToken, IngressPod, FromTheIngress);

        Assert.All(links, link => Assert.StartsWith("https://scim.example.com/scim/v2/Users/", link, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SimulatedConnections.InternetAddress)]
    [InlineData("10.245.0.9")]
    public async Task FromAnAddressOutsideTheTrustedNetwork_ForwardedHeadersAreIgnored(string from)
    {
        using var factory = Factory(("Scim:ForwardedHeaders:KnownNetworks:0", PodNetwork));
        using var server = factory.WithSimulatedConnections();

        var links = await CreateUserAsync(server, factory.WriteToken, from, Forged);

        Assert.All(links, link => Assert.StartsWith("http://localhost/scim/v2/Users/", link, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SimulatedConnections.InternetAddress)]
    [InlineData(IngressPod)]
    public async Task WithAPublicBaseUrl_EveryLinkUsesIt_WhateverTheHostOrForwardedHeadersSay(string from)
    {
        const string Public = "https://scim.example.com/scim/v2";
        using var factory = Factory(("Scim:PublicBaseUrl", "https://scim.example.com/"), ("Scim:ForwardedHeaders:KnownNetworks:0", PodNetwork));
        using var server = factory.WithSimulatedConnections();
        using var client = server.ClientOn(SimulatedConnections.PublicPort, factory.WriteToken, from);
        (string, string)[] headers = [.. Forged, ("Host", "evil.example:8080")];

        var user = await CreateUserAsync(server, factory.WriteToken, from, headers);
        var userId = user[0][(user[0].LastIndexOf('/') + 1)..];
        var group = await SendAsync(client, HttpMethod.Post, "/scim/v2/Groups", headers,
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{ScimHttp.UniqueName("g")}}","members":[{"value":"{{userId}}"}]}""");
        var readGroup = await (await SendAsync(client, HttpMethod.Get, group.Headers.Location!.AbsolutePath, headers)).BodyAsync();
        var bulk = await (await SendAsync(client, HttpMethod.Post, "/scim/v2/Bulk", headers,
            $$$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{"method":"POST","path":"/Users","bulkId":"u","data":{"userName":"{{{ScimHttp.UniqueName()}}}"}}]}""")).BodyAsync();
        var resourceType = await (await SendAsync(client, HttpMethod.Get, "/scim/v2/ResourceTypes/User", headers)).BodyAsync();
        var schema = await (await SendAsync(client, HttpMethod.Get, "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", headers)).BodyAsync();

        Assert.All(user, link => Assert.StartsWith($"{Public}/Users/", link, StringComparison.Ordinal));
        Assert.StartsWith($"{Public}/Groups/", group.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal($"{Public}/Users/{userId}", readGroup["members"]![0]!["$ref"]!.GetValue<string>());
        Assert.StartsWith($"{Public}/Users/", bulk["Operations"]![0]!["location"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"{Public}/ResourceTypes/User", resourceType["meta"]!["location"]!.GetValue<string>());
        Assert.Equal($"{Public}/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", schema["meta"]!["location"]!.GetValue<string>());
    }

    [Fact]
    public async Task APublicBaseUrlWithAPath_PrefixesTheScimPath()
    {
        using var factory = Factory(("Scim:PublicBaseUrl", "https://id.example.com:8443/provisioning/"));
        using var server = factory.WithSimulatedConnections();

        var links = await CreateUserAsync(server, factory.WriteToken, SimulatedConnections.InternetAddress, []);

        Assert.All(links, link => Assert.StartsWith("https://id.example.com:8443/provisioning/scim/v2/Users/", link, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Scim:ForwardedHeaders:KnownNetworks:0", "10.244.0.0/33", "Scim:ForwardedHeaders:KnownNetworks:0")]
    [InlineData("Scim:ForwardedHeaders:KnownNetworks:0", "ingress-nginx", "Scim:ForwardedHeaders:KnownNetworks:0")]
    [InlineData("Scim:ForwardedHeaders:KnownNetworks:0", "0.0.0.0/0", "every address")]
    [InlineData("Scim:ForwardedHeaders:KnownNetworks:0", "::/0", "every address")]
    [InlineData("Scim:ForwardedHeaders:KnownProxies:0", "proxy.internal", "Scim:ForwardedHeaders:KnownProxies:0")]
    [InlineData("Scim:ForwardedHeaders:ForwardLimit", "0", "Scim:ForwardedHeaders:ForwardLimit")]
    [InlineData("Scim:PublicBaseUrl", "scim.example.com", "Scim:PublicBaseUrl")]
    [InlineData("Scim:PublicBaseUrl", "ftp://scim.example.com", "Scim:PublicBaseUrl")]
    [InlineData("Scim:PublicBaseUrl", "https://scim.example.com/?tenant=a", "Scim:PublicBaseUrl")]
    [InlineData("Scim:PublicBaseUrl", "https://user:pw@scim.example.com", "Scim:PublicBaseUrl")]
    [InlineData("Scim:TrustForwardedHeaders", "true", "Scim:ForwardedHeaders:KnownNetworks")]
    public void AMisconfiguredEdge_StopsTheStart_NamingTheKey(string key, string value, string expected)
    {
        using var factory = Factory((key, value));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Creates a user and returns its Location header and meta.location.</summary>
    private static async Task<string[]> CreateUserAsync(
        Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> server, string token, string from, (string Name, string Value)[] headers)
    {
        using var client = server.ClientOn(SimulatedConnections.PublicPort, token, from);
        var response = await SendAsync(client, HttpMethod.Post, "/scim/v2/Users", headers, $$"""{"userName":"{{ScimHttp.UniqueName()}}"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.BodyAsync();
        return [response.Headers.Location!.ToString(), body["meta"]!["location"]!.GetValue<string>()];
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, (string Name, string Value)[] headers, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : ScimHttp.Json(json) };
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
