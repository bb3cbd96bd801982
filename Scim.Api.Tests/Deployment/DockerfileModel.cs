using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scim.Api.Tests.Deployment;

internal sealed record DockerCopy(string? From, string? Chown, IReadOnlyList<string> Sources, string Destination);

internal sealed class DockerStage
{
    public required string Image { get; init; }

    public string? Name { get; init; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public List<string> Arguments { get; } = [];

    public List<int> ExposedPorts { get; } = [];

    public List<DockerCopy> Copies { get; } = [];

    public List<string> Volumes { get; } = [];

    public string? User { get; set; }

    public IReadOnlyList<string>? Healthcheck { get; set; }

    public IReadOnlyList<string>? Entrypoint { get; set; }
}

/// <summary>
/// A Dockerfile read the way the builder reads it: line continuations joined, comments dropped, global ARG defaults
/// substituted into FROM, one record per stage with what the tests look at (ENV, ARG, EXPOSE, USER, COPY, VOLUME,
/// HEALTHCHECK, ENTRYPOINT). Instructions it does not model are kept out of the stage, not misread.
/// </summary>
internal sealed partial class DockerfileModel
{
    public required IReadOnlyList<DockerStage> Stages { get; init; }

    public static DockerfileModel Load() => Parse(RepositoryFiles.Read("Dockerfile"));

    public static DockerfileModel Parse(string text)
    {
        var globalArguments = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<DockerStage>();
        foreach (var (instruction, rest) in Instructions(text))
        {
            var stage = stages.Count > 0 ? stages[^1] : null;
            switch (instruction)
            {
                case "ARG" when stage is null:
                    var (argument, defaultValue) = SplitAssignment(rest);
                    globalArguments[argument] = defaultValue ?? "";
                    break;
                case "ARG":
                    stage.Arguments.Add(SplitAssignment(rest).Name);
                    break;
                case "FROM":
                    var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                    stages.Add(new DockerStage
                    {
                        Image = Substitute(words[0], globalArguments),
                        Name = words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null,
                    });
                    break;
                case "ENV":
                    foreach (var (name, value) in EnvAssignments(rest))
                    {
                        Required(stage).Environment[name] = value;
                    }

                    break;
                case "EXPOSE":
                    Required(stage).ExposedPorts.AddRange(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .Select(p => int.Parse(p.Split('/')[0], CultureInfo.InvariantCulture)));
                    break;
                case "USER":
                    Required(stage).User = rest.Trim();
                    break;
                case "VOLUME":
                    Required(stage).Volumes.AddRange(rest.TrimStart().StartsWith('[') ? ExecForm(rest) : rest.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case "COPY":
                    Required(stage).Copies.Add(ParseCopy(rest));
                    break;
                case "HEALTHCHECK":
                    var cmd = rest.IndexOf("CMD ", StringComparison.Ordinal);
                    Required(stage).Healthcheck = cmd < 0 ? [] : ExecForm(rest[(cmd + 4)..]);
                    break;
                case "ENTRYPOINT":
                    Required(stage).Entrypoint = ExecForm(rest);
                    break;
            }
        }

        return new DockerfileModel { Stages = stages };
    }

    private static DockerStage Required(DockerStage? stage) => stage ?? throw new InvalidDataException("An instruction comes before the first FROM.");

    private static IEnumerable<(string Instruction, string Arguments)> Instructions(string text)
    {
        var logical = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                logical += line[..^1] + " ";
                continue;
            }

            logical += line;
            var trimmed = logical.Trim();
            logical = "";
            if (trimmed.Length == 0)
            {
                continue;
            }

            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            yield return space < 0 ? (trimmed.ToUpperInvariant(), "") : (trimmed[..space].ToUpperInvariant(), trimmed[(space + 1)..].Trim());
        }
    }

    private static (string Name, string? Value) SplitAssignment(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (text.Trim(), null) : (text[..equals].Trim(), text[(equals + 1)..].Trim().Trim('"'));
    }

    private static IEnumerable<(string Name, string Value)> EnvAssignments(string text)
    {
        var pairs = EnvPair().Matches(text);
        if (pairs.Count == 0)
        {
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            yield return (text[..space], text[(space + 1)..].Trim());
            yield break;
        }

        foreach (Match pair in pairs)
        {
            yield return (pair.Groups["name"].Value, pair.Groups["quoted"].Success ? pair.Groups["quoted"].Value : pair.Groups["plain"].Value);
        }
    }

    private static DockerCopy ParseCopy(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        string? Flag(string name)
        {
            var flag = words.FirstOrDefault(w => w.StartsWith($"--{name}=", StringComparison.Ordinal));
            return flag?[(name.Length + 3)..];
        }

        var from = Flag("from");
        var chown = Flag("chown");
        var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        return new DockerCopy(from, chown, paths[..^1], paths[^1]);
    }

    private static string[] ExecForm(string text) =>
        JsonSerializer.Deserialize<string[]>(text.Trim()) ?? throw new InvalidDataException($"Not an exec-form array: {text}");

    private static string Substitute(string text, Dictionary<string, string> arguments) =>
        Variable().Replace(text, m => arguments.TryGetValue(m.Groups["name"].Value, out var value) ? value : m.Value);

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?:""(?<quoted>[^""]*)""|(?<plain>\S*))")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?")]
    private static partial Regex Variable();
}
