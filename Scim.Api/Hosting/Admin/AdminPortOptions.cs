namespace Scim.Api.Hosting.Admin;

/// <summary>
/// Where the admin API is served (<c>Scim:Admin:Port</c>). Unset: on every port the server listens on, beside the
/// SCIM API. Set: only to connections that arrive on that local port, which the server must also listen on
/// (<c>ASPNETCORE_HTTP_PORTS=8080;8081</c>); the port of the identity providers then answers 404 under /admin/v1, so
/// every tenant's audit trail and the restores stay off the public path whatever a proxy routes.
/// </summary>
public sealed class AdminPortOptions
{
    public const string SectionName = AdminTokenOptions.SectionName;

    public int? Port { get; set; }
}
