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
        var normalized = value.IsNormalized(NormalizationForm.FormKC) ? value : value.Normalize(NormalizationForm.FormKC);
        var lowered = normalized.ToLowerInvariant();
        var builder = new StringBuilder(lowered.Length);
        foreach (var character in lowered)
        {
            switch (character)
            {
                // Unicode CaseFolding.txt, status F and the S entries that differ from lower-casing.
                case 'ß':
                case '\u1E9E':
                    builder.Append("ss");
                    break;
                case '\u0149':
                    builder.Append("\u02BCn");
                    break;
                case '\u0587':
                    builder.Append("\u0565\u0582");
                    break;
                case 'ς':
                    builder.Append('σ');
                    break;
                case '\u0345':
                    builder.Append('ι');
                    break;
                case '\u1E9B':
                    builder.Append('\u1E61');
                    break;
                case '\u0130':
                    builder.Append("i\u0307");
                    break;
                default:
                    builder.Append(character);
                    break;
            }
        }

        var folded = builder.ToString();
        return folded.IsNormalized(NormalizationForm.FormKC) ? folded : folded.Normalize(NormalizationForm.FormKC);
    }
}
