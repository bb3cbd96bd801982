using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scim.Api.Hosting;

namespace Scim.Api.Tests.Hosting.Auth;

/// <summary>A refused token is the caller's mistake: IdentityModel's Error lines about it stay out of the log unless asked for.</summary>
public sealed class IdentityModelLoggingTests
{
    private const string Category = "Microsoft.IdentityModel.LoggingExtensions.IdentityLoggerAdapter";

    private static async Task<bool> ErrorEnabledAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddScim();
        await using var app = builder.Build();
        return app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category).IsEnabled(LogLevel.Error);
    }

    [Fact]
    public async Task ByDefault_IdentityModelErrorsAreNotLogged() =>
        Assert.False(await ErrorEnabledAsync(("Logging:LogLevel:Default", "Information")));

    [Fact]
    public async Task Configuration_CanTurnIdentityModelLoggingBackOn() =>
        Assert.True(await ErrorEnabledAsync(("Logging:LogLevel:Default", "Information"), ("Logging:LogLevel:Microsoft.IdentityModel", "Debug")));
}
