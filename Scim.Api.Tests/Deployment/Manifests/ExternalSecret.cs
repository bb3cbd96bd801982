using k8s.Models;

namespace Scim.Api.Tests.Deployment.Manifests;

/// <summary>
/// The fields of the External Secrets Operator's ExternalSecret (external-secrets.io/v1) that the prod overlay uses;
/// strict loading refuses any other field, so a typo in the example fails here.
/// </summary>
public sealed class ExternalSecret
{
    public const string ApiVersionValue = "external-secrets.io/v1";
    public const string KindValue = "ExternalSecret";

    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta? Metadata { get; set; }

    public ExternalSecretSpec? Spec { get; set; }
}

public sealed class ExternalSecretSpec
{
    public string? RefreshInterval { get; set; }

    public SecretStoreReference? SecretStoreRef { get; set; }

    public ExternalSecretTarget? Target { get; set; }

    public List<ExternalSecretData>? Data { get; set; }
}

public sealed class SecretStoreReference
{
    public string? Kind { get; set; }

    public string? Name { get; set; }
}

public sealed class ExternalSecretTarget
{
    public string? Name { get; set; }

    public string? CreationPolicy { get; set; }
}

public sealed class ExternalSecretData
{
    public string? SecretKey { get; set; }

    public RemoteReference? RemoteRef { get; set; }
}

public sealed class RemoteReference
{
    public string? Key { get; set; }

    public string? Property { get; set; }
}
