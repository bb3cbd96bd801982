namespace Scim.Api.OperatorConsole;

/// <summary>Where the console's pages live, built in one place so links and routes agree.</summary>
public static class ConsoleRoutes
{
    public const string Root = "/console";
    public const string Assets = "/console/assets";

    public static bool IsConsolePath(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);

    public static string Tenant(string tenant) => $"{Root}/tenants/{Uri.EscapeDataString(tenant)}";

    public static string Log(string tenant) => $"{Tenant(tenant)}/log";

    public static string Resources(string tenant, string endpoint) => $"{Tenant(tenant)}/{endpoint.Trim('/').ToLowerInvariant()}";

    public static string Resource(string tenant, string endpoint, string id) => $"{Resources(tenant, endpoint)}/{Uri.EscapeDataString(id)}";

    public static string Restore(string tenant, string endpoint, string id) => $"{Resource(tenant, endpoint, id)}/restore";

    public static string Deleted(string tenant) => $"{Tenant(tenant)}/deleted";

    public static string Events(string tenant) => $"{Tenant(tenant)}/events";

    public static string Resume(string tenant, string subscription) => $"{Events(tenant)}/subscriptions/{Uri.EscapeDataString(subscription)}/resume";
}
