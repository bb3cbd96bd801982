namespace Scim.Bench;

internal static class ScenarioNames
{
    public const string Baseline = "baseline";
    public const string Seed = "seed";
    public const string GetById = "get-by-id";
    public const string FilterUserName = "filter-username";
    public const string FilterExternalId = "filter-externalid";
    public const string PostUsers = "post-users";
    public const string PostUsersWithPasswords = "post-users-passwords";
    public const string PatchMembers100 = "patch-members-100";
    public const string PatchMembers1000 = "patch-members-1000";
    public const string PatchOneMember = "patch-one-member";
    public const string ListIndex = "list-index";
    public const string ListCursor = "list-cursor";
    public const string EntraSync = "entra-sync";
    public const string Soak = "soak";
    public const string EventsPostUsers = "events-post-users";
    public const string WebhookLag = "webhook-lag";
    public const string ConsolePages = "console-pages";

    /// <summary>Every scenario in the order 'all' runs them: reads and listings while the store holds only the seed.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Baseline, Seed, GetById, FilterUserName, FilterExternalId, ListIndex, ListCursor, ConsolePages, PostUsers, PostUsersWithPasswords,
        PatchMembers100, PatchMembers1000, PatchOneMember, EntraSync, Soak, EventsPostUsers, WebhookLag,
    ];

    public static List<string> Expand(string text)
    {
        var names = new List<string>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name == "all")
            {
                names.AddRange(All);
            }
            else if (All.Contains(name))
            {
                names.Add(name);
            }
            else
            {
                throw new UsageException($"unknown scenario '{name}'; known: all, {string.Join(", ", All)}.");
            }
        }

        return names.Distinct().OrderBy(n => All.ToList().IndexOf(n)).ToList();
    }
}
