using System.Text.RegularExpressions;

namespace Scim.Api.Tests.Deploy;

/// <summary>
/// The metric and label names a PromQL expression (or a Grafana <c>label_values(metric, label)</c> query) refers to.
/// Strings, ranges and Grafana variables are dropped first; label names are read from matchers and grouping clauses;
/// an identifier followed by '(' is a function or aggregation; keywords are not names.
/// </summary>
internal static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan",
    };

    public static (IReadOnlySet<string> Metrics, IReadOnlySet<string> Labels) NamesIn(string expression)
    {
        var metrics = new HashSet<string>(StringComparer.Ordinal);
        var labels = new HashSet<string>(StringComparer.Ordinal);
        if (LabelValues().Match(expression) is { Success: true } labelValues)
        {
            metrics.Add(labelValues.Groups["metric"].Value);
            labels.Add(labelValues.Groups["label"].Value);
            return (metrics, labels);
        }

        var text = Strings().Replace(expression, "\"\"");
        text = Matchers().Replace(text, match =>
        {
            foreach (Match matcher in MatcherLabel().Matches(match.Value))
            {
                labels.Add(matcher.Groups["label"].Value);
            }

            return " ";
        });
        text = Grouping().Replace(text, match =>
        {
            foreach (var label in match.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                labels.Add(label);
            }

            return " ";
        });
        text = Ranges().Replace(text, " ");
        text = Offsets().Replace(text, " ");
        text = Variables().Replace(text, " ");
        foreach (Match identifier in Identifiers().Matches(text))
        {
            var name = identifier.Groups["name"].Value;
            if (!identifier.Groups["call"].Success && !Keywords.Contains(name))
            {
                metrics.Add(name);
            }
        }

        return (metrics, labels);
    }

    [GeneratedRegex(@"^\s*label_values\(\s*(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*,\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex MatcherLabel();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\((?<labels>[^)]*)\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\boffset\s+-?\w+")]
    private static partial Regex Offsets();

    [GeneratedRegex(@"\$\{?[a-zA-Z_][a-zA-Z0-9_]*\}?")]
    private static partial Regex Variables();

    // A number such as 1e3 or 0.95 is not a name: a name may not start right after a digit or a dot.
    [GeneratedRegex(@"(?<![0-9.a-zA-Z_:])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifiers();
}
