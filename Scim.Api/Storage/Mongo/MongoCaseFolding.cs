using System.Text;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The folding behind the Mongo store's case-insensitive unique values (userName, Group displayName): NFKC, then
/// full Unicode case folding done here in C# (lower-case invariant plus the expansions and special foldings that
/// lower-casing alone misses, such as ß → ss and final sigma → σ), then NFKC again so folding is idempotent.
/// Two values collide exactly when their folds are equal; the fold is stored in a shadow field with a unique index.
/// </summary>
public static class MongoCaseFolding
{
    public static string Fold(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = Normalize(value);
        var builder = new StringBuilder(normalized.Length);
        foreach (var character in normalized)
        {
            // Unicode CaseFolding.txt status F: characters that fold to several (ß → ss, İ → i + dot above).
            builder.Append(character switch
            {
                'ß' or '\u1E9E' => "ss",
                '\u0130' => "i\u0307",
                '\u0149' => "\u02BCn",
                '\u01F0' => "j\u030C",
                '\u0587' => "\u0565\u0582",
                _ => character.ToString(),
            });
        }

        var lowered = builder.ToString().ToLowerInvariant();
        builder.Clear();
        foreach (var character in lowered)
        {
            // Lower-case letters whose folding is another letter (status C/S entries that lower-casing keeps).
            builder.Append(character switch
            {
                'ς' => 'σ',
                '\u0345' => 'ι',
                '\u1E9B' => '\u1E61',
                _ => character,
            });
        }

        return Normalize(builder.ToString());
    }

    private static string Normalize(string text) =>
        text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
}
