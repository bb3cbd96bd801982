using System.Diagnostics;

namespace Scim.Api.Tests.Deployment;

/// <summary>What a command-line tool printed, and how it ended.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error);

/// <summary>
/// A command-line tool the ecosystem ships (kubectl, promtool) that tests call instead of imitating it. Where it is not
/// on PATH, the tests that need it are skipped with the reason, never passed.
/// </summary>
internal sealed class InstalledTool(string name, string whatNeedsIt)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    /// <summary>Its path on PATH, or null.</summary>
    public string? Path { get; } = Environment.GetEnvironmentVariable("PATH")?.Split(System.IO.Path.PathSeparator)
        .Select(d => System.IO.Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Runs the tool to its end; skips the calling test when it is not installed.</summary>
    public ToolRun Run(params string[] args)
    {
        if (Path is null)
        {
            Assert.Skip($"{name} is not installed here: {whatNeedsIt}");
        }

        using var process = Process.Start(new ProcessStartInfo(Path, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Patience))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{name} {string.Join(' ', args)} did not finish within {Patience.TotalSeconds} s.");
        }

        return new ToolRun(process.ExitCode, output, error.GetAwaiter().GetResult());
    }
}
