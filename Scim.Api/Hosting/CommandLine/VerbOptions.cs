namespace Scim.Api.Hosting.CommandLine;

/// <summary>A command line that asks for something the service does not offer: exit code 2, with the usage.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The options after a verb (<c>tokens new --tenant acme --read-only</c>): each is one the verb declares, a valued option
/// has its value, and none is given twice. Anything else is a <see cref="UsageException"/>, never silently ignored.
/// </summary>
internal sealed class VerbOptions
{
    private readonly Dictionary<string, string?> _given = new(StringComparer.Ordinal);

    private VerbOptions()
    {
    }

    /// <param name="verb">The verb, for messages (e.g. "tokens new").</param>
    /// <param name="args">The arguments after the verb.</param>
    /// <param name="valued">Options followed by a value (e.g. "--id").</param>
    /// <param name="flags">Options that stand alone (e.g. "--read-only").</param>
    public static VerbOptions Parse(string verb, IReadOnlyList<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> flags)
    {
        var options = new VerbOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? value = null;
            if (valued.Contains(name))
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"{verb}: {name} needs a value.");
                }

                value = args[++i];
            }
            else if (!flags.Contains(name))
            {
                throw new UsageException($"{verb}: unknown option '{name}'.");
            }

            if (!options._given.TryAdd(name, value))
            {
                throw new UsageException($"{verb}: {name} is given twice.");
            }
        }

        return options;
    }

    public string? Value(string name) => _given.GetValueOrDefault(name);

    public bool Has(string flag) => _given.ContainsKey(flag);
}
