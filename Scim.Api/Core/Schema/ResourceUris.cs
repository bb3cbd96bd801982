namespace Scim.Api.Core.Schema;

/// <summary>
/// Where a resource lives (RFC 7644 §3.1: <c>{base}/{endpoint}/{id}</c>) and which id a reference to one names.
/// </summary>
public static class ResourceUris
{
    /// <summary>The resource's URI relative to the service's base URL: <c>Users/2819c223</c>.</summary>
    public static string Relative(ResourceTypeDefinition type, string id) =>
        $"{type.Endpoint.Trim('/')}/{Uri.EscapeDataString(id)}";

    public static string Absolute(string baseUrl, string relative) => $"{baseUrl.TrimEnd('/')}/{relative}";

    /// <summary>
    /// The id a reference names: the last segment of its path, whether the reference is absolute
    /// (<c>https://example.com/scim/v2/Users/2819c223</c>) or relative (<c>Users/2819c223</c>, <c>../Users/2819c223</c>);
    /// null when there is none.
    /// </summary>
    public static string? IdOf(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var text = reference.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            text = absolute.AbsolutePath;
        }

        var path = text.AsSpan();
        var end = path.IndexOfAny('?', '#');
        if (end >= 0)
        {
            path = path[..end];
        }

        path = path.TrimEnd('/');
        var segment = path[(path.LastIndexOf('/') + 1)..];
        return segment.IsEmpty || segment is "." or ".." || segment.Contains(':')
            ? null
            : Uri.UnescapeDataString(segment.ToString());
    }
}
