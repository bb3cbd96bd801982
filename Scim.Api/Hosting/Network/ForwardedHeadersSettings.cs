namespace Scim.Api.Hosting.Network;

/// <summary>
/// Which proxies may speak for a request through <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c>
/// (<c>Scim:ForwardedHeaders</c>). None by default: the headers are then ignored from everyone, since anyone can send
/// them. A request's forwarded values are taken only when the connection comes from one of these addresses.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "Scim:ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. the cluster's pod network <c>10.244.0.0/16</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies deep the forwarded values are read (the rightmost entries first).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool TrustsAnyProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
