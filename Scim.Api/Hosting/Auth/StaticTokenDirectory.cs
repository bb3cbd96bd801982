using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// The configured secret tokens, ready for comparison: hashes decoded and each valid token's principal built once per
/// configuration rather than on every request. A reloaded configuration (rotation, revocation) is picked up on the
/// next request. The principals are shared between requests and never modified.
/// </summary>
internal sealed class StaticTokenDirectory(IOptionsMonitor<ScimAuthOptions> credentials)
{
    private volatile Snapshot? _snapshot;

    /// <summary>
    /// The first configured token whose hash equals <paramref name="presentedHash"/>, or null. Every configured hash is
    /// compared in constant time, so timing reveals neither which token nor how much of it matched.
    /// </summary>
    public Entry? Find(ReadOnlySpan<byte> presentedHash)
    {
        Entry? match = null;
        foreach (var entry in Current().Entries)
        {
            if (entry.Hash is not null && CryptographicOperations.FixedTimeEquals(presentedHash, entry.Hash) && match is null)
            {
                match = entry;
            }
        }

        return match;
    }

    private Snapshot Current()
    {
        var options = credentials.CurrentValue;
        var snapshot = _snapshot;
        if (snapshot is null || !ReferenceEquals(snapshot.Options, options))
        {
            snapshot = new Snapshot(options, [.. options.Tokens.Select(Entry.Of)]);
            _snapshot = snapshot;
        }

        return snapshot;
    }

    private sealed record Snapshot(ScimAuthOptions Options, Entry[] Entries);

    /// <summary>A configured token; <see cref="Principal"/> is null when it names no tenant.</summary>
    public sealed record Entry(StaticToken Token, byte[]? Hash, ClaimsPrincipal? Principal)
    {
        public static Entry Of(StaticToken token) => new(
            token,
            TokenHash.TryDecode(token.Hash, out var hash) ? hash : null,
            token.Tenant is null
                ? null
                : ScimPrincipal.Create(
                    StaticTokenAuthenticationHandler.SchemeName, token.Tenant, token.Id ?? "secret-token", canRead: true, canWrite: !token.ReadOnly));
    }
}
