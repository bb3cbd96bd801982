using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// In the Development environment with no credential configured, a token is generated at start and printed once to
/// the console (not to the logs, which may be shipped elsewhere), so the quick start needs no set-up.
/// </summary>
internal sealed class DevelopmentToken : IPostConfigureOptions<ScimAuthOptions>
{
    public const string Tenant = "default";

    private readonly Lazy<string> _token = new(TokenHash.NewToken);

    public void PostConfigure(string? name, ScimAuthOptions options)
    {
        if (options.HasAnyCredential)
        {
            return;
        }

        var token = _token.Value;
        options.Tokens.Add(new StaticToken { Id = "development", Tenant = Tenant, Hash = TokenHash.Compute(token) });
        Console.WriteLine($"""

            Scim development token (tenant '{Tenant}'; generated because none is configured, valid until the service stops):

                {token}

            """);
    }
}
