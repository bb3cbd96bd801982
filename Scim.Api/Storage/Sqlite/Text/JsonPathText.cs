using System.Text;
using Scim.Api.Core.Errors;

namespace Scim.Api.Storage.Sqlite.Text;

/// <summary>
/// Builds SQLite JSON paths (<c>$."urn:…:User"."manager"</c>). Paths travel as SQL parameters, never inside
/// the statement text; every label is quoted so that URNs with dots and colons stay one label.
/// </summary>
internal static class JsonPathText
{
    public static string Of(params ReadOnlySpan<string?> labels)
    {
        var builder = new StringBuilder("$");
        foreach (var label in labels)
        {
            if (label is null)
            {
                continue;
            }

            // SQLite's path syntax has no escape for a quote inside a quoted label.
            if (label.Contains('"', StringComparison.Ordinal) || label.Contains('\\', StringComparison.Ordinal))
            {
                throw ScimException.InvalidFilter($"The attribute name '{label}' contains a quote or a backslash.");
            }

            builder.Append(".\"").Append(label).Append('"');
        }

        return builder.ToString();
    }
}
