using System.Reflection;
using k8s;
using k8s.Models;

namespace Scim.Api.Tests.Deployment.Manifests;

/// <summary>
/// Turns built manifests into the Kubernetes object model (KubernetesClient) with strict deserialization: a field
/// the API type does not declare, a wrong value type, or an apiVersion/kind the model does not know is an error.
/// Custom resources the repository uses (External Secrets) are typed by the small models in this folder.
/// </summary>
internal static class KubernetesObjects
{
    public static IDictionary<string, Type> TypeMap { get; } = BuildTypeMap();

    /// <summary>Every object of a multi-document YAML text, such as <c>kubectl kustomize</c> prints.</summary>
    public static IReadOnlyList<object> LoadAll(string yaml) => KubernetesYaml.LoadAllFromString(yaml, TypeMap, strict: true);

    private static Dictionary<string, Type> BuildTypeMap()
    {
        var map = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in typeof(V1Deployment).Assembly.GetTypes())
        {
            var entity = type.GetCustomAttribute<KubernetesEntityAttribute>();
            if (entity is not null && type.GetInterfaces().Any(i => i == typeof(IKubernetesObject)))
            {
                var apiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
                map[$"{apiVersion}/{entity.Kind}"] = type;
            }
        }

        map[$"{ExternalSecret.ApiVersionValue}/{ExternalSecret.KindValue}"] = typeof(ExternalSecret);
        return map;
    }
}
