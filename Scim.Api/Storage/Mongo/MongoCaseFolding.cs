using Scim.Api.Storage.Sqlite.Text;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The folding behind the Mongo store's case-insensitive unique values (userName, Group displayName) and its
/// comparisons on them: full Unicode case folding plus NFKC ("STRASSE" and "straße", "ÉMILE" and "émile" with a
/// combining accent, full-width "ＡＢＣ" and "abc" fold alike). It is the SQLite store's folding on purpose: the point
/// of a shadow field over a collation index is that every store agrees on which names collide, and .NET's own
/// <see cref="string.Normalize()"/> cannot serve (with InvariantGlobalization it leaves non-ASCII text unchanged),
/// so the Unicode tables exist once, in <see cref="TextFolding"/>.
/// </summary>
public static class MongoCaseFolding
{
    public static string Fold(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TextFolding.Fold(value);
    }
}
