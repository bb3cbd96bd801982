using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Scim.Api.Application.Audit;
using Scim.Api.Hosting.Network;

namespace Scim.Api.Hosting.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>
    /// Registers the audit trail, soft delete, the purge job and the admin API's credential and port: options
    /// (<c>Scim:Audit</c>, <c>Scim:SoftDelete</c>, <c>Scim:Admin</c>), the admin authentication scheme and policy.
    /// </summary>
    public static IHostApplicationBuilder AddScimAdministration(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName)
            .Validate(o => o.RetentionDays > 0, $"{AuditOptions.SectionName}:RetentionDays must be a positive number of days.")
            .ValidateOnStart();
        builder.Services.AddOptions<SoftDeleteOptions>().BindConfiguration(SoftDeleteOptions.SectionName)
            .Validate(o => o.RetentionDays >= 0, $"{SoftDeleteOptions.SectionName}:RetentionDays must not be negative.")
            .Validate(o => o.PurgeInterval > TimeSpan.Zero, $"{SoftDeleteOptions.SectionName}:PurgeInterval must be positive (e.g. 01:00:00).")
            .ValidateOnStart();
        builder.Services.AddOptions<AdminTokenOptions>().BindConfiguration(AdminTokenOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AdminTokenOptions>, AdminTokenOptionsValidator>();
        builder.Services.AddOptions<AdminPortOptions>().BindConfiguration(AdminPortOptions.SectionName)
            .Validate(o => o.Port is null or > 0 and <= 65535, $"{AdminPortOptions.SectionName}:Port must be a TCP port (1-65535) the server listens on.")
            .ValidateOnStart();
        builder.Services.AddLocalPortRouting();
        builder.Services.AddSingleton<AuditEntries>();
        builder.Services.AddSingleton<Administration>();
        builder.Services.AddHostedService<TombstonePurger>();

        // A scheme of its own, named by the policy: the default (provisioning) scheme never authenticates an admin
        // request, and this one never authenticates a provisioning request.
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AdminAuthorization.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminAuthorization.Policy, policy => policy
                .AddAuthenticationSchemes(AdminAuthorization.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(AdminAuthorization.CredentialClaim));
        return builder;
    }
}
