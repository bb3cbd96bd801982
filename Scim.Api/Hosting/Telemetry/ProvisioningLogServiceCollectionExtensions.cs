using Scim.Api.Application.ProvisioningLog;

namespace Scim.Api.Hosting.Telemetry;

public static class ProvisioningLogServiceCollectionExtensions
{
    /// <summary>The console's switch: the provisioning log follows it unless <c>Scim:ProvisioningLog:Enabled</c> is set.</summary>
    public const string ConsoleEnabledKey = "Scim:Console:Enabled";

    /// <summary>
    /// The provisioning log (<c>Scim:ProvisioningLog</c>): the scrubber, the buffer the request telemetry fills, and the
    /// background writer that moves it to the store. Off unless enabled, or unless the console is.
    /// </summary>
    public static IHostApplicationBuilder AddScimProvisioningLog(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var consoleEnabled = builder.Configuration.GetValue<bool>(ConsoleEnabledKey);
        const string Section = ProvisioningLogOptions.SectionName;
        builder.Services.AddOptions<ProvisioningLogOptions>().BindConfiguration(Section)
            .PostConfigure(o => o.Enabled ??= consoleEnabled)
            .Validate(o => o.MaxEntriesPerTenant > 0, $"{Section}:MaxEntriesPerTenant must be a positive number.")
            .Validate(o => o.RetentionDays > 0, $"{Section}:RetentionDays must be a positive number of days.")
            .Validate(o => o.BufferCapacity > 0, $"{Section}:BufferCapacity must be a positive number.")
            .Validate(o => o.MaxBatch > 0, $"{Section}:MaxBatch must be a positive number.")
            .Validate(o => o.FlushInterval >= TimeSpan.Zero, $"{Section}:FlushInterval must not be negative (e.g. 00:00:01).")
            .ValidateOnStart();
        builder.Services.AddSingleton<ErrorDetailScrubber>();
        builder.Services.AddSingleton<RequestLogBuffer>();
        builder.Services.AddSingleton<ProvisioningLogCapture>();
        builder.Services.AddSingleton<RequestLogWriter>();
        if (builder.Configuration.GetValue<bool?>($"{Section}:Enabled") ?? consoleEnabled)
        {
            builder.Services.AddHostedService(provider => provider.GetRequiredService<RequestLogWriter>());
        }

        return builder;
    }
}
