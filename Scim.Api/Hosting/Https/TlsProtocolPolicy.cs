using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Https;

/// <summary>
/// Every HTTPS endpoint Kestrel opens (from <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c> or
/// <c>Kestrel:Certificates:Default</c>) accepts TLS 1.2 and 1.3 only: Microsoft Entra ID refuses to provision over
/// anything older, and TLS 1.0/1.1 are deprecated (RFC 8996). An endpoint that names its own
/// <c>Kestrel:Endpoints:NAME:SslProtocols</c> keeps that choice.
/// </summary>
internal sealed class TlsProtocolPolicy : IConfigureOptions<KestrelServerOptions>
{
    public const SslProtocols Allowed = SslProtocols.Tls12 | SslProtocols.Tls13;

    public void Configure(KestrelServerOptions options) =>
        options.ConfigureHttpsDefaults(https => https.SslProtocols = Allowed);
}
