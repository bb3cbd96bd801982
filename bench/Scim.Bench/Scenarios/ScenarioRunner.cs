namespace Scim.Bench.Scenarios;

internal static class ScenarioRunner
{
    public static Task RunAsync(string name, BenchContext context) => name switch
    {
        ScenarioNames.Baseline => ReadScenarios.BaselineAsync(context),
        ScenarioNames.Seed => context.EnsureUsersAsync(context.Options.Users),
        ScenarioNames.GetById => ReadScenarios.GetByIdAsync(context),
        ScenarioNames.FilterUserName => ReadScenarios.FilterUserNameAsync(context),
        ScenarioNames.FilterExternalId => ReadScenarios.FilterExternalIdAsync(context),
        ScenarioNames.PostUsers => PostUsersScenario.RunAsync(context),
        ScenarioNames.PostUsersWithPasswords => PostUsersWithPasswordsScenario.RunAsync(context),
        ScenarioNames.PatchMembers100 => PatchMembersScenario.RunAsync(context, name, 100),
        ScenarioNames.PatchMembers1000 => PatchMembersScenario.RunAsync(context, name, 1_000),
        ScenarioNames.PatchOneMember => PatchOneMemberScenario.RunAsync(context),
        ScenarioNames.ListIndex => ListScenarios.ByIndexAsync(context),
        ScenarioNames.ListCursor => ListScenarios.ByCursorAsync(context),
        ScenarioNames.EntraSync => EntraSyncScenario.RunAsync(context),
        ScenarioNames.Soak => SoakScenario.RunAsync(context),
        ScenarioNames.EventsPostUsers => EventScenarios.PostUsersWithAndWithoutASubscriptionAsync(context),
        ScenarioNames.WebhookLag => EventScenarios.WebhookLagAsync(context),
        ScenarioNames.ConsolePages => ConsolePagesScenario.RunAsync(context),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown scenario"),
    };
}
