using System.Net;
using System.Net.Sockets;
using Scim.Api.Core.Events;

namespace Scim.Api.Events.Http;

/// <summary>
/// The webhook client's <see cref="SocketsHttpHandler.ConnectCallback"/>: it resolves the host itself, keeps only the
/// addresses <see cref="NetworkAddresses"/> allows, and connects to one of those. Checking the URL when the subscription
/// is created is not enough: a name can resolve to anything later (DNS rebinding), so the address is judged at the
/// moment of each connection, and the socket goes to the very address that was judged.
/// </summary>
internal sealed class GuardedConnector(NetworkAddresses addresses)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var candidates = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = candidates.Where(addresses.IsAllowed).ToList();
        if (allowed.Count == 0)
        {
            throw new RefusedAddressException(
                $"'{host}' resolves to no address webhooks may reach (loopback, private, link-local and reserved addresses are refused "
                + "unless Scim:Events:Delivery:AllowedNetworks lists them).");
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException error)
            {
                socket.Dispose();
                last = error;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException($"Could not connect to '{host}': {last?.Message}", last);
    }
}

/// <summary>A connection refused because the host resolves only to addresses webhooks may not reach.</summary>
internal sealed class RefusedAddressException(string message) : HttpRequestException(message)
{
    /// <summary>The refusal behind <paramref name="error"/> (HttpClient and the resilience pipeline wrap it), if any.</summary>
    public static RefusedAddressException? FindIn(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is RefusedAddressException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
