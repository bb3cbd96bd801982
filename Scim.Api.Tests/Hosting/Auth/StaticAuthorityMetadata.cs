using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Scim.Api.Hosting.Auth;

namespace Scim.Api.Tests.Hosting.Auth;

/// <summary>
/// Gives every JWT bearer scheme the metadata its authority would publish (issuer and signing keys) from memory:
/// the handlers run as in production, but never download a discovery document.
/// </summary>
internal sealed class StaticAuthorityMetadata(SecurityKey signingKey) : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        // Entra's multi-tenant metadata names its issuer with a {tenantid} template.
        var issuer = name == EntraAuthentication.SchemeName ? "https://login.microsoftonline.com/{tenantid}/v2.0" : options.Authority?.TrimEnd('/');
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
        configuration.SigningKeys.Add(signingKey);
        options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
    }
}
