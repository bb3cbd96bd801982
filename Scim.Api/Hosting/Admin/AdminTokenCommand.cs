using Scim.Api.Hosting.Auth;
using Scim.Api.Hosting.CommandLine;

namespace Scim.Api.Hosting.Admin;

/// <summary>
/// <c>dotnet Scim.Api.dll admin-tokens new [--id ops]</c>: mints an admin token, prints it once, and prints the
/// configuration that holds only its hash.
/// </summary>
internal static class AdminTokenCommand
{
    public const string Verb = "admin-tokens new";

    public static IReadOnlyCollection<string> ValuedOptions { get; } = ["--id"];

    public static void Run(VerbOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var id = options.Value("--id") ?? "admin";
        var token = TokenHash.NewToken();
        var hash = TokenHash.Compute(token);
        output.WriteLine($"Admin token (shown once; keep it with the operators, never give it to an identity provider):\n\n    {token}\n");
        output.WriteLine("Configuration (appsettings.json, under \"Scim\": { \"Admin\": { \"Tokens\": [ … ] } }):\n");
        output.WriteLine($"    {{ \"Id\": \"{id}\", \"Hash\": \"{hash}\" }}\n");
        output.WriteLine("Or as environment variables (N = the token's index):\n");
        output.WriteLine($"    Scim__Admin__Tokens__N__Id={id}");
        output.WriteLine($"    Scim__Admin__Tokens__N__Hash={hash}");
    }
}
