using Scim.Api.Hosting.Auth;

namespace Scim.Api.Hosting.Admin;

/// <summary>
/// <c>dotnet run --project Scim.Api -- admin-tokens new [--id ops]</c>: mints an admin token, prints it once, and
/// prints the configuration that holds only its hash.
/// </summary>
internal static class AdminTokenCommand
{
    public static bool TryRun(string[] args, TextWriter output)
    {
        if (args.Length < 2 || args[0] != "admin-tokens" || args[1] != "new")
        {
            return false;
        }

        var index = Array.IndexOf(args, "--id");
        var id = index >= 0 && index + 1 < args.Length ? args[index + 1] : "admin";
        var token = TokenHash.NewToken();
        var hash = TokenHash.Compute(token);
        output.WriteLine($"Admin token (shown once; keep it with the operators, never give it to an identity provider):\n\n    {token}\n");
        output.WriteLine("Configuration (appsettings.json, under \"Scim\": { \"Admin\": { \"Tokens\": [ … ] } }):\n");
        output.WriteLine($"    {{ \"Id\": \"{id}\", \"Hash\": \"{hash}\" }}\n");
        output.WriteLine("Or as environment variables (N = the token's index):\n");
        output.WriteLine($"    Scim__Admin__Tokens__N__Id={id}");
        output.WriteLine($"    Scim__Admin__Tokens__N__Hash={hash}");
        return true;
    }
}
