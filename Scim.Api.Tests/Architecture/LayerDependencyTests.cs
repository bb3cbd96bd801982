using System.Text.RegularExpressions;
using Scim.Api.Tests.Deployment;

namespace Scim.Api.Tests.Architecture;

/// <summary>
/// The layers point one way: Core (the SCIM protocol) knows no HTTP and no database; Application (the pipeline) and
/// Storage (the stores) know Core only; Http (response writing) knows Core; Endpoints and Hosting sit on top, and
/// Hosting, the composition of the service, never reaches back into Endpoints. Events (webhook delivery: an HTTP
/// client and background work) knows Core and Application and is composed by Hosting alone.
/// </summary>
public sealed partial class LayerDependencyTests
{
    public static TheoryData<string, string[]> Forbidden => new()
    {
        { "Core", ["Scim.Api.Application", "Scim.Api.Storage", "Scim.Api.Http", "Scim.Api.Endpoints", "Scim.Api.Hosting", "Scim.Api.Events", "Scim.Api.OperatorConsole", "Microsoft.AspNetCore", "MongoDB", "Microsoft.Data.Sqlite"] },
        { "Application", ["Scim.Api.Storage", "Scim.Api.Http", "Scim.Api.Endpoints", "Scim.Api.Hosting", "Scim.Api.Events", "Scim.Api.OperatorConsole", "Microsoft.AspNetCore", "MongoDB", "Microsoft.Data.Sqlite"] },
        { "Storage", ["Scim.Api.Application", "Scim.Api.Http", "Scim.Api.Endpoints", "Scim.Api.Hosting", "Scim.Api.Events", "Scim.Api.OperatorConsole", "Microsoft.AspNetCore"] },
        { "Http", ["Scim.Api.Application", "Scim.Api.Storage", "Scim.Api.Endpoints", "Scim.Api.Hosting", "Scim.Api.Events", "Scim.Api.OperatorConsole"] },
        { "Endpoints", ["Scim.Api.Events", "Scim.Api.OperatorConsole"] },
        { "Events", ["Scim.Api.Storage", "Scim.Api.Http", "Scim.Api.Endpoints", "Scim.Api.Hosting", "Scim.Api.OperatorConsole", "Microsoft.AspNetCore", "MongoDB", "Microsoft.Data.Sqlite"] },
        { "Hosting", ["Scim.Api.Endpoints", "Scim.Api.OperatorConsole"] },
        // The console reads through the pipeline, the search and the store's ports, never through the SCIM endpoints,
        // a store's own classes or the webhook delivery.
        { "OperatorConsole", ["Scim.Api.Endpoints", "Scim.Api.Events", "Scim.Api.Storage.Sqlite", "Scim.Api.Storage.Mongo", "MongoDB", "Microsoft.Data.Sqlite"] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void ALayer_UsesNoNamespaceAboveIt(string layer, string[] forbidden)
    {
        var folder = Path.Combine(RepositoryFiles.Root, "Scim.Api", layer);
        var offences = SourceFiles(folder)
            .SelectMany(file => UsingDirective().Matches(File.ReadAllText(file)).Concat(RazorUsing().Matches(File.ReadAllText(file)))
                .Select(match => match.Groups["namespace"].Value)
                .Where(used => forbidden.Any(f => used == f || used.StartsWith(f + ".", StringComparison.Ordinal)))
                .Select(used => $"{Path.GetRelativePath(folder, file)}: {used}"))
            .ToList();

        Assert.True(Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Any(), $"{folder} holds no code.");
        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    // C# files, and Razor components, whose @using and @inject name namespaces too.
    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Concat(Directory.EnumerateFiles(folder, "*.razor", SearchOption.AllDirectories));

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?<namespace>[A-Za-z0-9_.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"^\s*@(?:using|inject)\s+(?<namespace>[A-Za-z0-9_.]+)", RegexOptions.Multiline)]
    private static partial Regex RazorUsing();
}
