using k8s.Models;
using Scim.Api.Tests.Deployment.Manifests;

namespace Scim.Api.Tests.Deployment;

/// <summary>
/// The cursor key ring (<c>Scim:Cursor:Keys:N:Id</c> and <c>…:Secret</c>: index 0 seals, later ones still open) reaches
/// every replica from the same Secret, so a cursor minted by one pod opens on the next; compose uses a key that is
/// public and says so.
/// </summary>
public sealed class CursorKeyWiringTests
{
    private static readonly string[] Ring =
        ["Scim__Cursor__Keys__0__Id", "Scim__Cursor__Keys__0__Secret", "Scim__Cursor__Keys__1__Id", "Scim__Cursor__Keys__1__Secret"];

    [Theory]
    [MemberData(nameof(KubernetesNetworkEdgeTests.DeployableScim), MemberType = typeof(KubernetesNetworkEdgeTests))]
    public void EveryOverlay_GivesEveryReplicaTheCurrentAndThePreviousKey_FromTheSecret(string root)
    {
        var (manifests, deployment, container) = KubernetesScimDeploymentTests.Scim(root);
        var fromSecrets = (container.EnvFrom ?? []).Where(e => e.SecretRef is not null).SelectMany(e => manifests.SecretKeys(e.SecretRef.Name)).ToList();

        Assert.All(Ring, key => Assert.Contains(key, fromSecrets));
        Assert.DoesNotContain(manifests.PlainEnvironment(container).Keys, k => k.StartsWith("Scim__Cursor__", StringComparison.Ordinal));
        Assert.DoesNotContain(container.Env ?? [], e => e.Name.StartsWith("Scim__Cursor__", StringComparison.Ordinal));
        Assert.True(deployment.Spec.Replicas >= 2);
    }

    [Fact]
    public void DevSecretExample_AsksForKeysMadeByOpenssl_AndHoldsNoUsableKey()
    {
        var example = File.ReadAllLines(RepositoryFiles.PathOf("k8s/overlays/dev/scim-secrets.env.example"));
        var secrets = example.Where(l => l.StartsWith("Scim__Cursor__Keys__", StringComparison.Ordinal) && l.Contains("__Secret=", StringComparison.Ordinal))
            .Select(l => l.Split('=', 2)[1]).ToList();

        Assert.Equal(2, secrets.Count);
        Assert.All(secrets, s => Assert.Contains("openssl_rand_-base64_32", s, StringComparison.Ordinal));
        Assert.All(secrets, s => Assert.False(IsKey(s), $"{s} is a usable key: the example must hold placeholders only"));
    }

    [Fact]
    public void Compose_UsesA32ByteKey_LabelledAsAPublishedEvaluationKey()
    {
        var environment = ComposeFile.Load().Environment("scim");
        var text = RepositoryFiles.Read("docker-compose.yml");
        var secret = environment["Scim__Cursor__Keys__0__Secret"];

        Assert.True(IsKey(secret), "the compose key must be base64 of 32 bytes");
        Assert.False(string.IsNullOrWhiteSpace(environment["Scim__Cursor__Keys__0__Id"]));
        var label = text.LastIndexOf("PUBLISHED EVALUATION KEY", text.IndexOf(secret, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(label >= 0, "the compose key is not labelled as a published evaluation key");
    }

    [Fact]
    public void DeploymentDocs_SayHowToMakeTheKeys_AndNameEverySecretKeyAndPropertyTheOverlaysUse()
    {
        var docs = RepositoryFiles.Read("docs/deployment.md");
        var prod = ComposedManifests.Of("k8s/overlays/prod");
        var dev = ComposedManifests.Of("k8s/overlays/dev");
        var properties = prod.All<ExternalSecret>().SelectMany(e => e.Spec?.Data ?? []).Select(d => d.RemoteRef?.Property ?? "");

        Assert.Contains("openssl rand -base64 32", docs, StringComparison.Ordinal);
        // The table shortens a key's siblings (`Scim__Cursor__Keys__0__Id`, `…__0__Secret`): each key is found by its stem.
        Assert.All(prod.SecretKeys("scim-secrets").Concat(dev.SecretKeys("scim-secrets")),
            key => Assert.Contains($"`{key[..key.LastIndexOf("__", StringComparison.Ordinal)]}__", docs, StringComparison.Ordinal));
        Assert.All(properties, property => Assert.Contains($"`{property}`", docs, StringComparison.Ordinal));
    }

    private static bool IsKey(string text)
    {
        var bytes = new byte[64];
        return Convert.TryFromBase64String(text, bytes, out var written) && written == 32;
    }
}
