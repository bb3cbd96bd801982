using System.Diagnostics;

namespace Scim.Api.Tests.Deployment.Manifests;

/// <summary>
/// The real <c>kubectl kustomize</c> (Kustomize is built into kubectl): every test of what k8s/ produces reads its
/// output. Where kubectl is not installed those tests are skipped, never passed.
/// </summary>
internal static class Kubectl
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    /// <summary>kubectl's path on PATH, or null.</summary>
    public static string? Path { get; } = Environment.GetEnvironmentVariable("PATH")?.Split(System.IO.Path.PathSeparator)
        .Select(d => System.IO.Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);

    /// <summary>What <c>kubectl kustomize DIRECTORY</c> prints; skips the test without kubectl, fails it when kubectl fails.</summary>
    public static string Kustomize(string directory)
    {
        if (Path is null)
        {
            Assert.Skip("kubectl is not installed here: the manifests are built with `kubectl kustomize` and cannot be checked without it.");
        }

        using var process = Process.Start(new ProcessStartInfo(Path, ["kustomize", directory])
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
            Assert.Fail($"kubectl kustomize {directory} did not finish within {Patience.TotalSeconds} s.");
        }

        Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} failed: {error.Result}");
        return output;
    }
}
