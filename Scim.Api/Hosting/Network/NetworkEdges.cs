using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Network;

/// <summary>What the service believes about where a request came from and which address it was sent to.</summary>
public static class NetworkEdges
{
    private const string RetiredTrustKey = "Scim:TrustForwardedHeaders";

    /// <summary>
    /// Trusted proxies (<c>Scim:ForwardedHeaders</c>), the public base URL (<c>Scim:PublicBaseUrl</c>) and endpoints
    /// bound to a local port. ASP.NET Core's own switch, <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, trusts every
    /// address; the options set here replace what it sets, so only the configured proxies are ever trusted.
    /// </summary>
    public static IHostApplicationBuilder AddScimNetworkEdges(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var forwarded = builder.Services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.SectionName);
        if (builder.Configuration.GetValue<bool>(RetiredTrustKey))
        {
            forwarded.Validate(_ => false,
                $"{RetiredTrustKey} is no longer read: it trusted X-Forwarded-* from every address. Name the proxies in " +
                $"{ForwardedHeadersSettings.SectionName}:KnownNetworks:0 (or …:KnownProxies:0), and set Scim:PublicBaseUrl.");
        }

        forwarded.ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidator>();
        builder.Services.AddOptions<PublicAddressOptions>().BindConfiguration(PublicAddressOptions.SectionName)
            .Validate(o => o.PublicBaseUrl is null || o.Root() is not null,
                "Scim:PublicBaseUrl must be the absolute http(s) URL clients reach the service at (e.g. https://scim.example.com), without user, query or fragment.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PublicAddress>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) => Apply(settings.Value, options));
        builder.Services.AddLocalPortRouting();
        return builder;
    }

    /// <summary>Reads X-Forwarded-* only when a proxy is configured, and then only from it.</summary>
    public static WebApplication UseScimForwardedHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.TrustsAnyProxy)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static void Apply(ForwardedHeadersSettings settings, ForwardedHeadersOptions options)
    {
        // The middleware trusts every address when both lists are empty, and checks the address only while reading
        // X-Forwarded-For: so the lists always hold exactly the configured proxies, and Host and Proto never travel
        // without For.
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in settings.KnownProxies)
        {
            if (System.Net.IPAddress.TryParse(proxy, out var address))
            {
                options.KnownProxies.Add(address);
            }
        }

        foreach (var network in settings.KnownNetworks)
        {
            if (System.Net.IPNetwork.TryParse(network, out var parsed) && parsed.PrefixLength > 0)
            {
                options.KnownIPNetworks.Add(parsed);
            }
        }

        options.ForwardLimit = settings.ForwardLimit;
        options.ForwardedHeaders = options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0
            ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost
            : ForwardedHeaders.None;
    }
}
