namespace Scim.Api.Application;

/// <summary>How cursors are encrypted and how long they live: the "Scim:Cursor" section.</summary>
public sealed class ScimCursorOptions
{
    /// <summary>
    /// The key ring, the current key first: every cursor is issued with <c>Keys:0</c>, and any key of the ring opens
    /// the cursors it issued. To rotate, put the new key first and keep the old one after it for a cursor lifetime.
    /// Every replica behind one address must have the same ring, or a cursor from one is refused by the next.
    /// </summary>
    public List<CursorKeyOptions> Keys { get; set; } = [];

    /// <summary>A single key, as earlier versions configured it; used only when <see cref="Keys"/> is empty.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a cursor stays valid, in seconds (advertised as pagination.cursorTimeout).</summary>
    public int LifetimeSeconds { get; set; } = 3600;

    /// <summary>True when no key is configured: a key is then generated at start and cursors die with the process.</summary>
    public bool IsUnconfigured => Keys.Count == 0 && string.IsNullOrWhiteSpace(SigningKey);

    /// <summary>The secrets of the ring in order (the current one first); a secret that is not base64 gives null.</summary>
    public IReadOnlyList<byte[]?> Secrets() =>
        Keys.Count > 0 ? [.. Keys.Select(key => Decode(key.Secret))] : IsUnconfigured ? [] : [Decode(SigningKey)];

    private static byte[]? Decode(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var bytes = new byte[secret.Length];
        return Convert.TryFromBase64String(secret.Trim(), bytes, out var written) ? bytes[..written] : null;
    }
}

/// <summary>One key of the cursor key ring.</summary>
public sealed class CursorKeyOptions
{
    /// <summary>A name for operators (logs, rotation notes); cursors never carry it.</summary>
    public string? Id { get; set; }

    /// <summary>Base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>).</summary>
    public string? Secret { get; set; }
}
