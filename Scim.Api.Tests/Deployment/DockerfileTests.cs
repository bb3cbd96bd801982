using System.Text.RegularExpressions;

namespace Scim.Api.Tests.Deployment;

/// <summary>The image: built with the SDK, run on the ASP.NET runtime as a non-root user, no secret inside.</summary>
public sealed partial class DockerfileTests
{
    private const string ProbeSource = "deploy/health-probe/HealthProbe.cs";

    private static readonly DockerfileModel Dockerfile = DockerfileModel.Load();

    private static DockerStage Final => Dockerfile.Stages[^1];

    [Fact]
    public void Build_IsMultiStage_FromTheSdkToTheAspNetRuntime()
    {
        Assert.True(Dockerfile.Stages.Count >= 2);
        Assert.All(Dockerfile.Stages.SkipLast(1), s => Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", s.Image, StringComparison.Ordinal));
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", Final.Image, StringComparison.Ordinal);
        Assert.All(Final.Copies, c => Assert.Contains(c.From, Dockerfile.Stages.SkipLast(1).Select(s => s.Name)));
        Assert.Equal(["dotnet", "Scim.Api.dll"], Final.Entrypoint);
    }

    [Fact]
    public void FinalStage_RunsAsANonRootUser()
    {
        // $APP_UID is the non-root user (uid 1654) that Microsoft's .NET images define for this purpose.
        Assert.NotNull(Final.User);
        Assert.DoesNotMatch("^(root|0)(:.*)?$", Final.User);
        Assert.Equal("$APP_UID", Final.User);
    }

    [Fact]
    public void FinalStage_ExposesThePortTheServiceListensOn()
    {
        Assert.Equal([ServiceEndpoints.HttpPort(Final.Environment)!.Value], Final.ExposedPorts);
    }

    [Fact]
    public void NoStage_SetsASecretLookingVariable()
    {
        var names = Dockerfile.Stages.SelectMany(s => s.Environment.Keys.Concat(s.Arguments));

        Assert.All(names, name => Assert.DoesNotMatch(SecretName(), name));
    }

    [Fact]
    public void Healthcheck_AsksTheReadyEndpointOnTheServicePort_WithTheProbeTheImageContains()
    {
        var check = Assert.IsAssignableFrom<IReadOnlyList<string>>(Final.Healthcheck);
        var url = new Uri(check[^1]);

        Assert.Equal("dotnet", check[0]);
        Assert.Equal(ServiceEndpoints.Ready, url.AbsolutePath);
        Assert.Contains(url.AbsolutePath, ServiceEndpoints.Mapped);
        Assert.True(url.IsLoopback);
        Assert.Equal(Final.ExposedPorts.Single(), url.Port);
        Assert.Equal(ProbePathInImage(), check[1]);
    }

    [Fact]
    public void SqliteDataPath_IsUnderADeclaredVolume_OwnedByTheAppUser()
    {
        var dataPath = Final.Environment["Storage__Sqlite__Path"];
        var volume = Assert.Single(Final.Volumes, v => dataPath.StartsWith(v.TrimEnd('/') + "/", StringComparison.Ordinal));
        var copy = Assert.Single(Final.Copies, c => c.Destination.TrimEnd('/') == volume.TrimEnd('/'));

        Assert.Equal("$APP_UID:$APP_UID", copy.Chown);
    }

    [Fact]
    public void EveryFileTheBuildCopiesFromTheContext_ExistsAndIsSentByDockerignore()
    {
        var ignore = DockerIgnore.Load();
        var sources = Dockerfile.Stages.SelectMany(s => s.Copies).Where(c => c.From is null).SelectMany(c => c.Sources).ToList();

        Assert.Contains(ProbeSource, sources);
        foreach (var source in sources)
        {
            Assert.True(RepositoryFiles.Exists(source), $"COPY {source}: no such file in the repository");
            Assert.True(ignore.IsSent(source), $"COPY {source}: excluded by .dockerignore");
        }

        Assert.True(ignore.IsSent("Scim.Api/Program.cs"));
    }

    [Theory]
    [InlineData("Scim.Api/bin/Release/net10.0/Scim.Api.dll")]
    [InlineData("Scim.Api/obj/project.assets.json")]
    [InlineData("Scim.Api/data/scim.db")]
    [InlineData("k8s/overlays/dev/scim-secrets.env")]
    [InlineData("k8s/mongodb-example/keyfile")]
    [InlineData(".git/config")]
    [InlineData("Scim.Api.Tests/SmokeTests.cs")]
    public void Dockerignore_KeepsBuildOutputDataAndSecretsOutOfTheContext(string path)
    {
        Assert.False(DockerIgnore.Load().IsSent(path));
    }

    internal static string ProbePathInImage()
    {
        var probeStage = Assert.Single(Dockerfile.Stages, s => s.Copies.Any(c => c.Sources.Contains(ProbeSource)));
        var copy = Assert.Single(Final.Copies, c => c.From == probeStage.Name);
        return copy.Destination.TrimEnd('/') + "/" + Path.GetFileNameWithoutExtension(ProbeSource) + ".dll";
    }

    [GeneratedRegex("(?i)(password|secret|token|apikey|api_key|connectionstring|hash|credential)")]
    private static partial Regex SecretName();
}
