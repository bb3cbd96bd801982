using System.Net;
using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Network;

/// <summary>Refuses to start with a proxy that is no address, a network that is no CIDR, or one that is everyone.</summary>
internal sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    private const string Section = ForwardedHeadersSettings.SectionName;

    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"{Section}:KnownProxies:{i} must be an IP address (e.g. 10.0.0.5), not '{options.KnownProxies[i]}'.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out var network))
            {
                failures.Add($"{Section}:KnownNetworks:{i} must be a network in CIDR notation (e.g. 10.244.0.0/16), not '{options.KnownNetworks[i]}'.");
            }
            else if (network.PrefixLength == 0)
            {
                failures.Add($"{Section}:KnownNetworks:{i} ({network}) would trust X-Forwarded-* from every address: name the proxies' own network.");
            }
        }

        if (options.ForwardLimit < 1)
        {
            failures.Add($"{Section}:ForwardLimit must be at least 1 (the number of trusted proxies in front of the service).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
