using Scim.Api.Hosting.Admin;

namespace Scim.Api.Hosting.CommandLine;

/// <summary>
/// What <c>dotnet Scim.Api.dll ARGS</c> asks for: the help text, a verb (<c>tokens new</c>, <c>admin-tokens new</c>), or
/// the service. A first argument that is a bare word is a verb. Otherwise every argument must be configuration as
/// ASP.NET Core's command-line provider reads it (<c>--key value</c>, <c>--key=value</c>, <c>/key value</c>,
/// <c>key=value</c>); an argument that provider would silently drop (a stray word, a single-dash option, a key without
/// its value) is a usage error rather than a service started without what the operator meant.
/// </summary>
internal static class ScimCommandLine
{
    public const int Succeeded = 0;
    public const int UsageError = 2;

    public const string Usage = """
        Scim, a SCIM 2.0 service provider.

        Usage:
          dotnet Scim.Api.dll [CONFIGURATION...]
              Start the service. CONFIGURATION overrides appsettings.json and environment variables, one key at a time:
              --key value, --key=value or key=value, with ':' between sections, e.g.
              --urls http://127.0.0.1:5000 --Storage:Sqlite:Path data/scim.db
          dotnet Scim.Api.dll tokens new [--tenant TENANT] [--id ID] [--read-only]
              Mint a bearer token for an identity provider: print it once, and the configuration that holds only its
              hash. TENANT defaults to "default", ID to "TENANT-token"; --read-only allows reads only.
          dotnet Scim.Api.dll admin-tokens new [--id ID]
              Mint a token for the admin API (/admin/v1), printed the same way. ID defaults to "admin".
          dotnet Scim.Api.dll help | --help | -h
              Print this text.

        Exit codes: 0 help printed or token minted; 2 unknown verb or bad options (the usage goes to stderr).
        The service itself exits non-zero when it cannot start, e.g. on invalid configuration.
        """;

    private static readonly HashSet<string> HelpArguments = new(StringComparer.Ordinal) { "--help", "-h", "-?", "/?" };

    /// <summary>Prints help or runs a verb and returns its exit code; returns null when the arguments start the service.</summary>
    public static int? Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            if (args.Count > 0 && IsVerb(args[0]))
            {
                return RunVerb(args, output);
            }

            if (ConfigurationAsksForHelp(args))
            {
                output.WriteLine(Usage);
                return Succeeded;
            }

            return null;
        }
        catch (UsageException problem)
        {
            error.WriteLine($"{problem.Message}\n");
            error.WriteLine(Usage);
            return UsageError;
        }
    }

    private static int RunVerb(IReadOnlyList<string> args, TextWriter output)
    {
        var verb = args.Count > 1 ? $"{args[0]} {args[1]}" : args[0];
        if (args[0] != "help" && verb is not (TokenCommand.Verb or AdminTokenCommand.Verb))
        {
            throw new UsageException(args[0] is "tokens" or "admin-tokens"
                ? $"'{verb}' is not a command: did you mean '{args[0]} new'?"
                : $"'{args[0]}' is not a command.");
        }

        if (args[0] == "help" || args.Any(HelpArguments.Contains))
        {
            output.WriteLine(Usage);
            return Succeeded;
        }

        var options = args.Skip(2).ToList();
        if (verb == TokenCommand.Verb)
        {
            TokenCommand.Run(VerbOptions.Parse(verb, options, TokenCommand.ValuedOptions, TokenCommand.Flags), output);
        }
        else
        {
            AdminTokenCommand.Run(VerbOptions.Parse(verb, options, AdminTokenCommand.ValuedOptions, []), output);
        }

        return Succeeded;
    }

    /// <summary>
    /// Walks the arguments as the configuration provider does. A key in a key position asking for help is help; what the
    /// provider would drop is a <see cref="UsageException"/>.
    /// </summary>
    private static bool ConfigurationAsksForHelp(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            if (HelpArguments.Contains(argument))
            {
                return true;
            }

            var keyStart = argument.StartsWith("--", StringComparison.Ordinal) ? 2 : argument.StartsWith('/') ? 1 : 0;
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (keyStart == 0 && argument.StartsWith('-'))
            {
                throw new UsageException($"unknown option '{argument}' (configuration keys take two dashes: --key value).");
            }

            if (keyStart == 0 && equals < 0)
            {
                throw new UsageException($"unexpected argument '{argument}' (configuration is --key value, --key=value or key=value).");
            }

            if (equals == keyStart || argument.Length == keyStart)
            {
                throw new UsageException($"'{argument}' names no configuration key.");
            }

            if (equals < 0 && ++i >= args.Count)
            {
                throw new UsageException($"{argument} needs a value.");
            }
        }

        return false;
    }

    // A bare word (no dash or slash prefix, no '=') cannot be configuration: it is a verb.
    private static bool IsVerb(string argument) =>
        !argument.StartsWith('-') && !argument.StartsWith('/') && !argument.Contains('=', StringComparison.Ordinal);
}
