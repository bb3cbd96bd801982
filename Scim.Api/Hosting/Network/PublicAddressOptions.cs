namespace Scim.Api.Hosting.Network;

/// <summary>
/// <c>Scim:PublicBaseUrl</c>: the address clients use to reach the service (scheme, host, optional port and path, e.g.
/// <c>https://scim.example.com</c>). When set, every link the service writes — <c>Location</c>, <c>meta.location</c>,
/// <c>$ref</c>, the discovery documents — starts with it, whatever Host or X-Forwarded-* a request carries. When
/// absent, links follow the request (its Host, or a trusted proxy's forwarded values).
/// </summary>
public sealed class PublicAddressOptions
{
    public const string SectionName = "Scim";

    public string? PublicBaseUrl { get; set; }

    /// <summary>The configured URL without a trailing slash, or null when none (or a malformed one) is configured.</summary>
    public string? Root() =>
        Uri.TryCreate(PublicBaseUrl?.Trim(), UriKind.Absolute, out var uri) && IsUsable(uri)
            ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : null;

    public static bool IsUsable(Uri uri) =>
        (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0;
}
