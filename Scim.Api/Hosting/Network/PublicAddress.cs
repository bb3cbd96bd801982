using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Network;

/// <summary>The origin (and path base) every link the service writes starts with; see <see cref="PublicAddressOptions"/>.</summary>
public sealed class PublicAddress(IOptions<PublicAddressOptions> options)
{
    private readonly string? _configured = options.Value.Root();

    /// <summary>The configured public base URL, or else the request's scheme, host and path base.</summary>
    public string Of(HttpRequest request) =>
        _configured ?? $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}";
}
