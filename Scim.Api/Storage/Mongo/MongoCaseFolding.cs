using Scim.Api.Storage.Sqlite.Text;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The folding behind every case-insensitive comparison of the Mongo store: the unique values (userName, Group
/// displayName), the folded copy of each document (<see cref="MongoFoldedDocument"/>), the folded keys of membership
/// rows, and the operands of filters: full Unicode case folding plus NFKC ("STRASSE" and "straße", "ÉMILE" and "émile" with a
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
