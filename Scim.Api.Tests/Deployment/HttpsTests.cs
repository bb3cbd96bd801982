using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scim.Api.Hosting.Auth;

namespace Scim.Api.Tests.Deployment;

/// <summary>The service serves HTTPS itself with a configured certificate, and only over TLS 1.2 and 1.3.</summary>
public sealed class HttpsTests
{
    private const string CertificatePassword = "test-only-password";

    [Fact]
    public void HttpsDefaults_AllowOnlyTls12AndTls13()
    {
        using var certificate = SelfSignedCertificate();
        using var service = new ConfiguredService();
        var kestrel = service.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        SslProtocols? applied = null;

        kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate, https => applied = https.SslProtocols));

        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, applied);
    }

    [Fact]
    public async Task Service_ServesHttpsWithTheCertificateFromConfiguration_OverTls12AndTls13()
    {
        var directory = Directory.CreateTempSubdirectory("scim-https-");
        using var certificate = SelfSignedCertificate();
        var certificatePath = Path.Combine(directory.FullName, "scim.pfx");
        await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, CertificatePassword), TestContext.Current.CancellationToken);
        var port = FreeLoopbackPort();

        using var service = StartService(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"https://127.0.0.1:{port}",
            ["Kestrel__Certificates__Default__Path"] = certificatePath,
            ["Kestrel__Certificates__Default__Password"] = CertificatePassword,
            ["Storage__Sqlite__Path"] = Path.Combine(directory.FullName, "scim.db"),
            ["Scim__Auth__Tokens__0__Tenant"] = "https-test",
            ["Scim__Auth__Tokens__0__Hash"] = TokenHash.Compute(TokenHash.NewToken()),
        }, out var output);
        try
        {
            foreach (var protocol in new[] { SslProtocols.Tls12, SslProtocols.Tls13 })
            {
                var (negotiated, statusLine) = await GetOverTlsAsync(port, protocol, certificate, ServiceEndpoints.Live, service, output);

                Assert.Equal(protocol, negotiated);
                Assert.Equal("HTTP/1.1 200 OK", statusLine);
            }
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync(TestContext.Current.CancellationToken);
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(SslProtocols Negotiated, string StatusLine)> GetOverTlsAsync(
        int port, SslProtocols protocol, X509Certificate2 expected, string path, Process service, StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
                await using var tls = new SslStream(tcp.GetStream());
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    EnabledSslProtocols = protocol,
                    RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == expected.GetCertHashString(),
                }, TestContext.Current.CancellationToken);
                await tls.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), TestContext.Current.CancellationToken);
                using var reader = new StreamReader(tls, Encoding.ASCII);
                var statusLine = await reader.ReadLineAsync(TestContext.Current.CancellationToken);
                return (tls.SslProtocol, statusLine ?? "");
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !service.HasExited)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
            catch (SocketException) when (service.HasExited || DateTime.UtcNow >= deadline)
            {
                lock (output)
                {
                    Assert.Fail($"The service did not accept connections on port {port}; its output:\n{output}");
                }
            }
        }
    }

    private static Process StartService(Dictionary<string, string> environment, out StringBuilder output)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Scim.Api.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var log = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = log;
        return process;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, CertificatePassword), CertificatePassword);
    }
}
