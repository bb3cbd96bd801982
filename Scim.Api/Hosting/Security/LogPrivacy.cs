namespace Scim.Api.Hosting.Security;

/// <summary>
/// ASP.NET Core's hosting log writes each request URL at Information, query string included, and a SCIM
/// <c>filter</c> holds attribute values (PII). That category starts at Warning whatever the default level is; an
/// operator who wants request lines names it explicitly (<c>Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics</c>).
/// </summary>
public static class LogPrivacy
{
    public const string RequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static IHostApplicationBuilder AddScimLogPrivacy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Inserted first: any rule from configuration for the same category comes later and wins.
        builder.Services.Configure<LoggerFilterOptions>(filters =>
            filters.Rules.Insert(0, new LoggerFilterRule(null, RequestLogCategory, LogLevel.Warning, null)));
        return builder;
    }
}
