using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scim.Api.Hosting.Auth;
using Scim.Api.Tests.Endpoints;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Hosting.Auth;

/// <summary>
/// The service with every credential kind configured, as an operator would, over two tenants:
/// <list type="bullet">
/// <item>secret tokens: tenant-a writer and reader, tenant-b writer (from <see cref="ScimApiFactory"/>), a revoked one;</item>
/// <item>Entra provisioning tokens: directory A (non-gallery) → tenant-a; directory B with the gallery app → tenant-b;
/// directory A with the gallery app → tenant-a read-only;</item>
/// <item>OIDC: an Okta authorization server → tenant-a (scopes scim.read / scim.write, /Me by sub = userName);
/// an Entra app registration → tenant-b (app roles SCIM.Read / SCIM.ReadWrite, /Me by oid = externalId).</item>
/// </list>
/// </summary>
public sealed class IdentityApi : IDisposable
{
    public const string EntraAppReadRole = "SCIM.Read";
    public const string EntraAppWriteRole = "SCIM.ReadWrite";

    public IdentityApi()
    {
        var settings = Api.Settings;
        settings["Scim:Auth:Tokens:3:Id"] = "revoked";
        settings["Scim:Auth:Tokens:3:Tenant"] = ScimApiFactory.Tenant;
        settings["Scim:Auth:Tokens:3:Hash"] = TokenHash.Compute(RevokedToken);
        settings["Scim:Auth:Tokens:3:Revoked"] = "true";

        settings["Scim:Auth:Entra:Tenants:0:TenantId"] = TestIdentityProvider.EntraDirectory;
        settings["Scim:Auth:Entra:Tenants:0:Tenant"] = ScimApiFactory.Tenant;
        settings["Scim:Auth:Entra:Tenants:1:TenantId"] = TestIdentityProvider.OtherEntraDirectory;
        settings["Scim:Auth:Entra:Tenants:1:Tenant"] = ScimApiFactory.OtherTenant;
        settings["Scim:Auth:Entra:Tenants:1:Audience"] = TestIdentityProvider.GalleryAppId;
        settings["Scim:Auth:Entra:Tenants:2:TenantId"] = TestIdentityProvider.EntraDirectory;
        settings["Scim:Auth:Entra:Tenants:2:Tenant"] = ScimApiFactory.Tenant;
        settings["Scim:Auth:Entra:Tenants:2:Audience"] = TestIdentityProvider.GalleryAppId;
        settings["Scim:Auth:Entra:Tenants:2:ReadOnly"] = "true";

        settings["Scim:Auth:Oidc:0:Id"] = "okta";
        settings["Scim:Auth:Oidc:0:Tenant"] = ScimApiFactory.Tenant;
        settings["Scim:Auth:Oidc:0:Authority"] = TestIdentityProvider.OktaAuthority;
        settings["Scim:Auth:Oidc:0:Audience"] = TestIdentityProvider.OktaAudience;
        settings["Scim:Auth:Oidc:0:SubjectClaim"] = "sub";

        settings["Scim:Auth:Oidc:1:Id"] = "entra-app";
        settings["Scim:Auth:Oidc:1:Tenant"] = ScimApiFactory.OtherTenant;
        settings["Scim:Auth:Oidc:1:Authority"] = TestIdentityProvider.EntraAppAuthority;
        settings["Scim:Auth:Oidc:1:Audience"] = TestIdentityProvider.EntraAppAudience;
        settings["Scim:Auth:Oidc:1:ReadPermission"] = EntraAppReadRole;
        settings["Scim:Auth:Oidc:1:WritePermission"] = EntraAppWriteRole;
        settings["Scim:Auth:Oidc:1:SubjectClaim"] = "oid";
        settings["Scim:Auth:Oidc:1:SubjectAttribute"] = "externalId";

        Server = Api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>>(new StaticAuthorityMetadata(Idp.SigningKey));
            ConfigureServices?.Invoke(services);
        }));
    }

    public TestIdentityProvider Idp { get; } = new();

    public ScimApiFactory Api { get; } = new();

    public WebApplicationFactory<Program> Server { get; }

    public string RevokedToken { get; } = TokenHash.NewToken();

    /// <summary>More test services (e.g. a capturing logger), for a subclass fixture; read when the server starts.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public HttpClient Client(string? token)
    {
        var client = Server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public void Dispose()
    {
        Server.Dispose();
        Api.Dispose();
        Idp.Dispose();
    }
}
