using Microsoft.Extensions.Options;
using Scim.Api.Core.Events;
using Scim.Api.Events;

namespace Scim.Api.Hosting.Events;

/// <summary>Refuses to start with delivery settings that cannot work, naming the key to fix.</summary>
internal sealed class WebhookDeliveryOptionsValidator : IValidateOptions<WebhookDeliveryOptions>
{
    private const string Section = WebhookDeliveryOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, WebhookDeliveryOptions options)
    {
        var failures = new List<string>();
        Require(failures, options.PollInterval > TimeSpan.Zero, $"{Section}:PollInterval must be positive (e.g. 00:00:00.2).");
        Require(failures, options.GatherDelay >= TimeSpan.Zero && options.GatherDelay <= TimeSpan.FromSeconds(1),
            $"{Section}:GatherDelay must be from 0 to 1 second (e.g. 00:00:00.05): every event waits that long.");
        Require(failures, options.RefreshInterval > TimeSpan.Zero, $"{Section}:RefreshInterval must be positive.");
        Require(failures, options.ProgressInterval > TimeSpan.Zero, $"{Section}:ProgressInterval must be positive.");
        Require(failures, options.LeaseDuration >= options.ProgressInterval * 3,
            $"{Section}:LeaseDuration must be at least three times {Section}:ProgressInterval: a lease is renewed with each progress record.");
        Require(failures, options.BatchSize > 0, $"{Section}:BatchSize must be a positive number.");
        Require(failures, options.Lanes is > 0 and <= 256, $"{Section}:Lanes must be between 1 and 256.");
        Require(failures, options.MaxInFlight >= options.Lanes, $"{Section}:MaxInFlight must be at least {Section}:Lanes.");
        Require(failures, options.AttemptTimeout > TimeSpan.Zero, $"{Section}:AttemptTimeout must be positive.");
        Require(failures, options.RequestRetries is >= 0 and <= 10, $"{Section}:RequestRetries must be between 0 and 10.");
        Require(failures, options.RequestRetryDelay > TimeSpan.Zero, $"{Section}:RequestRetryDelay must be positive.");
        Require(failures, options.RetryDelay > TimeSpan.Zero, $"{Section}:RetryDelay must be positive.");
        Require(failures, options.MaxRetryDelay >= options.RetryDelay, $"{Section}:MaxRetryDelay must be at least {Section}:RetryDelay.");
        Require(failures, options.SuspendAfter > TimeSpan.Zero, $"{Section}:SuspendAfter must be positive (e.g. 1.00:00:00).");
        try
        {
            NetworkAddresses.Parse(options.AllowedNetworks, $"{Section}:AllowedNetworks");
        }
        catch (FormatException invalid)
        {
            failures.Add(invalid.Message);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, bool condition, string message)
    {
        if (!condition)
        {
            failures.Add(message);
        }
    }
}
