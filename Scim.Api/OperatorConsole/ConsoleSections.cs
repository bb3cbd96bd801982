namespace Scim.Api.OperatorConsole;

/// <summary>A section of a tenant's pages, as the tenant navigation lists it.</summary>
public sealed record ConsoleSection(string Key, string Title, string Href);

/// <summary>
/// The sections of a tenant, in the order the navigation shows them. This is the console's extension point: a new page
/// of a tenant adds its section here.
/// </summary>
public static class ConsoleSections
{
    public const string Users = "users";
    public const string Groups = "groups";
    public const string Log = "log";
    public const string Deleted = "deleted";
    public const string Events = "events";

    public static IReadOnlyList<ConsoleSection> ForTenant(string tenant) =>
    [
        new(Users, "Users", ConsoleRoutes.Resources(tenant, "Users")),
        new(Groups, "Groups", ConsoleRoutes.Resources(tenant, "Groups")),
        new(Log, "Provisioning log", ConsoleRoutes.Log(tenant)),
        new(Deleted, "Deleted", ConsoleRoutes.Deleted(tenant)),
        new(Events, "Change events", ConsoleRoutes.Events(tenant)),
    ];
}
