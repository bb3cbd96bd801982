using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scim.Api.Hosting.Https;

[assembly: HostingStartup(typeof(HttpsHostingStartup))]

namespace Scim.Api.Hosting.Https;

/// <summary>
/// The web host runs the hosting startups of the application's own assembly, so the TLS policy applies to every
/// host built from this assembly (the service and the test hosts alike) without a line in Program.cs.
/// </summary>
internal sealed class HttpsHostingStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services =>
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, TlsProtocolPolicy>()));
}
