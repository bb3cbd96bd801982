using System.Diagnostics;

namespace Scim.Api.Tests.Deployment;

/// <summary>The real <c>kubectl kustomize</c>, where kubectl is installed.</summary>
internal static class Kubectl
{
    /// <summary>kubectl's path on PATH, or null.</summary>
    public static string? Path { get; } = Environment.GetEnvironmentVariable("PATH")?.Split(System.IO.Path.PathSeparator)
        .Select(d => System.IO.Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);

    /// <summary>What <c>kubectl kustomize DIRECTORY</c> prints; fails the test when kubectl does.</summary>
    public static async Task<string> KustomizeAsync(string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(Path ?? "kubectl", ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} failed: {await error}");
        return await output;
    }
}
