namespace Scim.Api.Tests.Deployment.Manifests;

/// <summary>The kustomizations under k8s/, as theory data.</summary>
public static class KubernetesRoots
{
    public const string Base = "k8s/base";
    public const string MongoExample = "k8s/mongodb-example";

    /// <summary>Every kustomization (the tests check that this is all of them).</summary>
    public static TheoryData<string> All => new(Base, "k8s/overlays/dev", "k8s/overlays/prod", MongoExample);

    /// <summary>Those that deploy Scim itself.</summary>
    public static TheoryData<string> Scim => new(Base, "k8s/overlays/dev", "k8s/overlays/prod");

    /// <summary>Those meant to be applied as they are (the base leaves the image to its overlays).</summary>
    public static TheoryData<string> Deployable => new("k8s/overlays/dev", "k8s/overlays/prod", MongoExample);
}
