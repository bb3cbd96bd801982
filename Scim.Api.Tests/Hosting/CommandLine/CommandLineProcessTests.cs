using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Scim.Api.Hosting.Auth;
using Scim.Api.Hosting.CommandLine;
using Scim.Api.Tests.Deployment;

namespace Scim.Api.Tests.Hosting.CommandLine;

/// <summary>
/// <c>dotnet Scim.Api.dll ARGS</c> as an operator runs it: Program passes the command line through
/// <see cref="ScimCommandLine"/>, so help and usage errors end the process with their exit code and stream, and
/// configuration arguments still start the service.
/// </summary>
public sealed class CommandLineProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Help_ExitsWithZero_WithTheUsageOnStandardOutput()
    {
        var (exitCode, output, error) = await RunToExitAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains(ScimCommandLine.Usage, output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public async Task UnknownVerb_ExitsWithTwo_WithTheUsageOnStandardError_InsteadOfStartingTheService()
    {
        var (exitCode, output, error) = await RunToExitAsync("frobnicate");

        Assert.Equal(2, exitCode);
        Assert.Contains("'frobnicate' is not a command", error, StringComparison.Ordinal);
        Assert.Contains(ScimCommandLine.Usage, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task UrlsArgument_StartsTheServiceOnThatAddress()
    {
        var directory = Directory.CreateTempSubdirectory("scim-cli-");
        var port = FreeLoopbackPort();
        using var service = Start(["--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__Sqlite__Path"] = Path.Combine(directory.FullName, "scim.db"),
            ["Scim__Auth__Tokens__0__Tenant"] = "cli-test",
            ["Scim__Auth__Tokens__0__Hash"] = TokenHash.Compute(TokenHash.NewToken()),
        });
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient();
            var deadline = Stopwatch.StartNew();
            HttpStatusCode? status = null;
            while (status is null && !service.HasExited && deadline.Elapsed < Patience)
            {
                try
                {
                    status = (await client.GetAsync($"http://127.0.0.1:{port}{ServiceEndpoints.Live}", TestContext.Current.CancellationToken)).StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200, TestContext.Current.CancellationToken);
                }
            }

            Assert.True(status == HttpStatusCode.OK, $"the service did not answer on port {port}; it exited: {service.HasExited}");
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync(TestContext.Current.CancellationToken);
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(params string[] args)
    {
        using var process = Start(args, new Dictionary<string, string>());
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Patience);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static Process Start(string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Scim.Api.dll"), .. args])
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

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
