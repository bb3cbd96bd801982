using Scim.Api.Hosting.Auth;

namespace Scim.Api.Hosting;

/// <summary>
/// <c>dotnet run --project Scim.Api -- tokens new --tenant acme [--id entra-prod] [--read-only]</c>: mints a token,
/// prints it once, and prints the configuration that holds only its hash.
/// </summary>
internal static class TokenCommand
{
    public static bool TryRun(string[] args, TextWriter output)
    {
        if (args.Length < 2 || args[0] != "tokens" || args[1] != "new")
        {
            return false;
        }

        var tenant = ValueOf(args, "--tenant") ?? "default";
        var id = ValueOf(args, "--id") ?? $"{tenant}-token";
        var readOnly = args.Contains("--read-only");
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

        return true;
    }

    private static string? ValueOf(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
