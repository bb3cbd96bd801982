using System.Text;
using System.Text.RegularExpressions;

namespace Scim.Api.Tests.Deployment;

/// <summary>
/// .dockerignore as the builder applies it: patterns relative to the context root (cleaned, so a trailing slash is
/// dropped), <c>*</c> and <c>?</c> within one path segment, <c>**</c> across segments, a pattern that matches a
/// folder excludes what is inside, <c>!</c> re-includes, and the last matching pattern decides.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> _rules;

    private DockerIgnore(List<(Regex, bool)> rules) => _rules = rules;

    public static DockerIgnore Load() => Parse(RepositoryFiles.Read(".dockerignore"));

    public static DockerIgnore Parse(string text) => new(text.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.StartsWith('!') ? (ToRegex(l[1..]), false) : (ToRegex(l), true))
        .ToList());

    public bool IsSent(string path)
    {
        path = path.Replace('\\', '/').Trim('/');
        var segments = path.Split('/');
        var prefixes = Enumerable.Range(1, segments.Length).Select(n => string.Join('/', segments[..n])).ToList();
        var sent = true;
        foreach (var (pattern, exclude) in _rules)
        {
            if (prefixes.Any(pattern.IsMatch))
            {
                sent = !exclude;
            }
        }

        return sent;
    }

    private static Regex ToRegex(string pattern)
    {
        pattern = pattern.Trim('/');
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(pattern[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
