using System.Collections.Frozen;

namespace Scim.Api.OperatorConsole;

/// <summary>
/// The console's stylesheet and icon, embedded in the assembly and served by the service itself: nothing is fetched
/// from anywhere else, and no build step makes them.
/// </summary>
internal static class ConsoleAssets
{
    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = Load();

    public static IResult Serve(string file) =>
        Files.TryGetValue(file, out var asset) ? Results.Bytes(asset.Content, asset.ContentType) : Results.NotFound();

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.StartsWith("console/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var file = name["console/".Length..];
            files[file] = (copy.ToArray(), Path.GetExtension(file) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            });
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
