using Scim.Api.Hosting.Auth;
using Scim.Api.Hosting.CommandLine;

namespace Scim.Api.Hosting;

/// <summary>
/// <c>dotnet Scim.Api.dll tokens new [--tenant acme] [--id entra-prod] [--read-only]</c>: mints a token, prints it
/// once, and prints the configuration that holds only its hash.
/// </summary>
internal static class TokenCommand
{
    public const string Verb = "tokens new";

    public static IReadOnlyCollection<string> ValuedOptions { get; } = ["--tenant", "--id"];

    public static IReadOnlyCollection<string> Flags { get; } = ["--read-only"];

    public static void Run(VerbOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var tenant = options.Value("--tenant") ?? "default";
        var id = options.Value("--id") ?? $"{tenant}-token";
        var readOnly = options.Has("--read-only");
        var token = TokenHash.NewToken();
        var hash = TokenHash.Compute(token);
        output.WriteLine($"Token (shown once; give it to the identity provider):\n\n    {token}\n");
        output.WriteLine("Configuration (appsettings.json, under \"Scim\": { \"Auth\": { \"Tokens\": [ … ] } }):\n");
        output.WriteLine($"    {{ \"Id\": \"{id}\", \"Tenant\": \"{tenant}\", \"Hash\": \"{hash}\", \"ReadOnly\": {(readOnly ? "true" : "false")} }}\n");
        output.WriteLine("Or as environment variables (N = the token's index):\n");
        output.WriteLine($"    Scim__Auth__Tokens__N__Id={id}");
        output.WriteLine($"    Scim__Auth__Tokens__N__Tenant={tenant}");
        output.WriteLine($"    Scim__Auth__Tokens__N__Hash={hash}");
        if (readOnly)
        {
            output.WriteLine("    Scim__Auth__Tokens__N__ReadOnly=true");
        }
    }
}
