namespace Scim.Api.Hosting.Security;

/// <summary>
/// Request limits beside those of <see cref="Application.ScimServiceOptions"/> (body size, PATCH operations,
/// members), bound from the same "Scim" section.
/// </summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "Scim";

    /// <summary>The longest JSON string (or member name) a request body may hold, in bytes as sent.</summary>
    public int MaxStringBytes { get; set; } = 64 * 1024;

    /// <summary>How long a request may run before it is abandoned with 503 and Retry-After.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
