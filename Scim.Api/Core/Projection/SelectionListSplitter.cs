namespace Scim.Api.Core.Projection;

/// <summary>
/// Splits a comma-separated attribute list (RFC 7644 §3.9) at the commas that separate entries, not those inside a
/// value filter's brackets or quoted strings (<c>emails[type eq "a,b"]</c>). Blank entries are skipped.
/// </summary>
internal static class SelectionListSplitter
{
    public static IEnumerable<string> Split(string text)
    {
        var start = 0;
        var depth = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && depth > 0)
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                if (Entry(text, start, i) is { } entry)
                {
                    yield return entry;
                }

                start = i + 1;
            }
        }

        if (Entry(text, start, text.Length) is { } last)
        {
            yield return last;
        }
    }

    private static string? Entry(string text, int start, int end)
    {
        var entry = text[start..end].Trim();
        return entry.Length == 0 ? null : entry;
    }
}
