namespace Scim.Api.Core.Versioning;

/// <summary>
/// An If-Match or If-None-Match header value: <c>*</c> or a comma-separated list of entity tags.
/// Tags that are not versions of ours can never match, so they are kept out of the list.
/// </summary>
public sealed class EntityTagCondition
{
    private readonly HashSet<long> _versions;

    private EntityTagCondition(bool matchesAny, HashSet<long> versions)
    {
        MatchesAny = matchesAny;
        _versions = versions;
    }

    public bool MatchesAny { get; }

    public IReadOnlyCollection<long> Versions => _versions;

    /// <summary>Parses a header value; null or blank means no condition.</summary>
    public static EntityTagCondition? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var versions = new HashSet<long>();
        var any = false;
        foreach (var part in SplitTags(header))
        {
            if (part == "*")
            {
                any = true;
            }
            else if (EntityTag.TryParse(part, out var version))
            {
                versions.Add(version);
            }
        }

        return new EntityTagCondition(any, versions);
    }

    /// <summary>Whether a resource at this version satisfies the list (weak comparison).</summary>
    public bool Matches(long version) => MatchesAny || _versions.Contains(version);

    // Entity tags are quoted and may themselves contain commas only inside quotes.
    private static IEnumerable<string> SplitTags(string header)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i] == '"')
            {
                quoted = !quoted;
            }
            else if (header[i] == ',' && !quoted)
            {
                yield return header[start..i].Trim();
                start = i + 1;
            }
        }

        yield return header[start..].Trim();
    }
}
