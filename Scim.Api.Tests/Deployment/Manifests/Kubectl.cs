namespace Scim.Api.Tests.Deployment.Manifests;

/// <summary>The real <c>kubectl kustomize</c> (Kustomize is built into kubectl): the tests of what k8s/ produces read its output.</summary>
internal static class Kubectl
{
    private static readonly InstalledTool Tool =
        new("kubectl", "the manifests are built with `kubectl kustomize` and cannot be checked without it.");

    /// <summary>What <c>kubectl kustomize DIRECTORY</c> prints; skips the test without kubectl, fails it when kubectl fails.</summary>
    public static string Kustomize(string directory)
    {
        var run = Tool.Run("kustomize", directory);
        Assert.True(run.ExitCode == 0, $"kubectl kustomize {directory} failed: {run.Error}");
        return run.Output;
    }
}
