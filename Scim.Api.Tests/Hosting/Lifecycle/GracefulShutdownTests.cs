using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scim.Api.Hosting.Lifecycle;

namespace Scim.Api.Tests.Hosting.Lifecycle;

/// <summary>Shutdown on a real Kestrel server on a loopback port: what happens to requests in flight and to new ones.</summary>
public sealed class GracefulShutdownTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static WebApplication Build(TaskCompletionSource entered, Task release, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddScimLifecycle();
        builder.Services.AddHealthChecks().AddCheck<ShutdownHealthCheck>("shutdown");
        var app = builder.Build();
        app.MapHealthChecks("/ready");
        app.MapGet("/ping", () => "pong");
        app.MapGet("/slow", async () =>
        {
            entered.TrySetResult();
            await release;
            return "done";
        });
        return app;
    }

    // A new client per call: each request opens a new connection, as a new caller would.
    private static async Task<HttpStatusCode?> StatusOnNewConnectionAsync(Uri address, string path)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return (await client.GetAsync(new Uri(address, path), TestContext.Current.CancellationToken)).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task WaitUntilRefusedAsync(Uri address)
    {
        var deadline = Stopwatch.StartNew();
        while (await StatusOnNewConnectionAsync(address, "/ping") is not null)
        {
            Assert.True(deadline.Elapsed < Patience, "the server kept accepting connections while stopping");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    [Theory]
    [InlineData(null, 25)]
    [InlineData("7", 7)]
    public async Task ShutdownTimeout_ComesFromScimShutdownTimeoutSeconds(string? configured, int expectedSeconds)
    {
        await using var app = Build(new(), Task.CompletedTask, configured is null ? [] : [("Scim:ShutdownTimeoutSeconds", configured)]);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Theory]
    [InlineData("Scim:ShutdownTimeoutSeconds", "0", "Scim:ShutdownTimeoutSeconds must be a positive")]
    [InlineData("Scim:ShutdownDelaySeconds", "-1", "Scim:ShutdownDelaySeconds must not be negative")]
    [InlineData("Scim:ShutdownDelaySeconds", "30", "Scim:ShutdownDelaySeconds must be shorter")]
    public void InvalidShutdownSettings_StopTheHostBeingBuilt_NamingTheKey(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(new(), Task.CompletedTask, (key, value)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_RefusesNewConnections_AndFinishesTheRequestInFlight()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = Build(entered, release.Task, ("Scim:ShutdownTimeoutSeconds", "20"));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Urls.Single());
        using var client = new HttpClient { BaseAddress = address };
        var inFlight = client.GetStringAsync("/slow", TestContext.Current.CancellationToken);
        await entered.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var stopping = app.StopAsync(CancellationToken.None);
        await WaitUntilRefusedAsync(address);
        Assert.False(stopping.IsCompleted, "the host stopped before its request in flight had finished");
        release.SetResult();

        Assert.Equal("done", await inFlight.WaitAsync(Patience, TestContext.Current.CancellationToken));
        await stopping.WaitAsync(Patience, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Stopping_GivesUpOnARequestThatOutlastsTheShutdownTimeout()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = Build(entered, never.Task, ("Scim:ShutdownTimeoutSeconds", "1"));
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var inFlight = client.GetStringAsync("/slow", TestContext.Current.CancellationToken);
        await entered.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var watch = Stopwatch.StartNew();
        await app.StopAsync(CancellationToken.None).WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => inFlight.WaitAsync(Patience, TestContext.Current.CancellationToken));
        never.SetResult();
    }

    [Fact]
    public async Task DuringTheShutdownDelay_ReadinessFails_WhileNewRequestsAreStillServed()
    {
        await using var app = Build(new(), Task.CompletedTask, ("Scim:ShutdownDelaySeconds", "3"), ("Scim:ShutdownTimeoutSeconds", "10"));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Urls.Single());
        Assert.Equal(HttpStatusCode.OK, await StatusOnNewConnectionAsync(address, "/ready"));

        var watch = Stopwatch.StartNew();
        var stopping = app.StopAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusOnNewConnectionAsync(address, "/ready"));
        Assert.Equal(HttpStatusCode.OK, await StatusOnNewConnectionAsync(address, "/ping"));
        Assert.False(stopping.IsCompleted, "the host stopped before the checks above had run");
        await stopping.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2.9), $"the host stopped after {watch.Elapsed}, before its shutdown delay");
        Assert.Null(await StatusOnNewConnectionAsync(address, "/ping"));
    }
}
