using System.Net;
using System.Net.Sockets;

namespace Scim.Api.Core.Events;

/// <summary>
/// Which addresses a webhook may reach. By default only public unicast ones: a subscription must not become a way to
/// make the service call what sits beside it (server-side request forgery), so loopback, private (RFC 1918, unique
/// local), link-local (with the cloud metadata services at 169.254.169.254 and fd00:ec2::254), shared (RFC 6598),
/// documentation, benchmarking, multicast and reserved ranges are refused, as are IPv6 forms that embed an IPv4
/// address (mapped, NAT64, 6to4, Teredo), which are judged by that address. An operator allows some of them by
/// listing networks (CIDR).
/// </summary>
public sealed class NetworkAddresses(IReadOnlyList<IPNetwork> allowed)
{
    public static readonly NetworkAddresses PublicOnly = new([]);

    public static readonly IReadOnlyList<IPNetwork> Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private static readonly IPNetwork[] NotPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "100::/64", "2001::/23", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
        }.Select(IPNetwork.Parse),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public IReadOnlyList<IPNetwork> Allowed => allowed;

    /// <summary>True when the address is public, or in a network the operator allowed.</summary>
    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in allowed)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } embedded)
        {
            return IsAllowed(embedded);
        }

        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
            && !NotPublic.Any(network => network.Contains(address));
    }

    /// <summary>Parses CIDR networks; the message names the entry that is not one.</summary>
    public static NetworkAddresses Parse(IEnumerable<string> networks, string key, bool withLoopback = false)
    {
        var parsed = new List<IPNetwork>(withLoopback ? Loopback : []);
        var index = 0;
        foreach (var text in networks)
        {
            parsed.Add(IPNetwork.TryParse(text?.Trim(), out var network)
                ? network
                : throw new FormatException($"{key}:{index}: '{text}' is not a network in CIDR form such as 10.20.0.0/16 or fd00::/8."));
            index++;
        }

        return new NetworkAddresses(parsed);
    }

    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return new IPAddress(bytes[12..16]);
        }

        if (SixToFour.Contains(address))
        {
            return new IPAddress(bytes[2..6]);
        }

        // The deprecated IPv4-compatible form ::a.b.c.d.
        return bytes[..12].All(b => b == 0) && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] <= 1)
            ? new IPAddress(bytes[12..16])
            : null;
    }
}
