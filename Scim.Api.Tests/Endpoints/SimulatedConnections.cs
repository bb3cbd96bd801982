using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Scim.Api.Tests.Endpoints;

/// <summary>
/// The in-memory server has no socket: every request arrives with local port 0 and no remote address. These helpers
/// give a request the local port and peer address Kestrel would take from the socket, so rules that depend on them
/// (a port-bound endpoint, a trusted proxy) can be tested. Test-only headers carry the values to a startup filter that
/// runs before the service's pipeline and removes them; the service never sees them.
/// </summary>
internal static class SimulatedConnections
{
    /// <summary>The port the identity providers (and the ingress) reach.</summary>
    public const int PublicPort = 8080;

    /// <summary>An address on the internet (TEST-NET-3, RFC 5737): no proxy anyone would trust.</summary>
    public const string InternetAddress = "203.0.113.10";

    private const string LocalPortHeader = "X-Test-Connection-Local-Port";
    private const string RemoteAddressHeader = "X-Test-Connection-Remote-Address";

    /// <summary>
    /// The same service, with connections that carry a local port and a remote address. The filter goes first, before
    /// the service's own startup filters, since a socket's port is known before any middleware runs.
    /// </summary>
    public static WebApplicationFactory<Program> WithSimulatedConnections(this WebApplicationFactory<Program> factory) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter, ConnectionFilter>())));

    /// <summary>A client whose connections arrive on <paramref name="localPort"/> from <paramref name="remoteAddress"/>.</summary>
    public static HttpClient ClientOn(this WebApplicationFactory<Program> factory, int localPort, string? token = null, string remoteAddress = InternetAddress)
    {
        var client = factory.CreateDefaultClient(new ConnectionHeaders(localPort, remoteAddress));
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private sealed class ConnectionHeaders(int localPort, string remoteAddress) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(LocalPortHeader, localPort.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(RemoteAddressHeader, remoteAddress);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class ConnectionFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var headers = context.Request.Headers;
                context.Connection.LocalPort = int.Parse(headers[LocalPortHeader].ToString() is { Length: > 0 } port ? port : "0", CultureInfo.InvariantCulture);
                context.Connection.RemoteIpAddress = IPAddress.TryParse(headers[RemoteAddressHeader].ToString(), out var address) ? address : null;
                headers.Remove(LocalPortHeader);
                headers.Remove(RemoteAddressHeader);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
