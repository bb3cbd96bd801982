using k8s.Models;
using Scim.Api.Tests.Deployment.Manifests;

namespace Scim.Api.Tests.Deployment;

/// <summary>Every pod of every kustomization runs unprivileged, read-only, and within declared resources.</summary>
public sealed class KubernetesWorkloadSecurityTests
{
    [Theory]
    [MemberData(nameof(KubernetesRoots.All), MemberType = typeof(KubernetesRoots))]
    public void EveryContainer_RunsAsNonRootOnAReadOnlyRootFilesystemWithoutPrivileges(string root)
    {
        var templates = ComposedManifests.Of(root).PodTemplates().ToList();
        Assert.NotEmpty(templates);

        foreach (var (workload, template) in templates)
        {
            var pod = template.Spec.SecurityContext;
            Assert.True(pod?.RunAsNonRoot, $"{workload}: pod securityContext.runAsNonRoot must be true");
            Assert.NotEqual(0, pod?.RunAsUser);
            Assert.Equal("RuntimeDefault", pod?.SeccompProfile?.Type);
            Assert.False(template.Spec.AutomountServiceAccountToken ?? true, $"{workload}: automountServiceAccountToken must be false");

            foreach (var container in AllContainers(template.Spec))
            {
                var where = $"{workload} container {container.Name}";
                var security = container.SecurityContext;
                Assert.True(security?.RunAsNonRoot ?? pod?.RunAsNonRoot, $"{where}: runAsNonRoot");
                Assert.NotEqual(0, security?.RunAsUser);
                Assert.True(security?.ReadOnlyRootFilesystem, $"{where}: readOnlyRootFilesystem must be true");
                Assert.False(security?.AllowPrivilegeEscalation ?? true, $"{where}: allowPrivilegeEscalation must be false");
                Assert.NotEqual(true, security?.Privileged);
                Assert.Equal(["ALL"], security?.Capabilities?.Drop ?? []);
                Assert.Empty(security?.Capabilities?.Add ?? []);
            }
        }
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.All), MemberType = typeof(KubernetesRoots))]
    public void EveryContainer_RequestsAndLimitsCpuAndMemory(string root)
    {
        foreach (var (workload, template) in ComposedManifests.Of(root).PodTemplates())
        {
            foreach (var container in AllContainers(template.Spec))
            {
                var resources = container.Resources;
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.True(resources?.Requests?.ContainsKey(resource), $"{workload} container {container.Name}: no {resource} request");
                    Assert.True(resources?.Limits?.ContainsKey(resource), $"{workload} container {container.Name}: no {resource} limit");
                    Assert.True(resources!.Requests![resource].ToDecimal() <= resources.Limits![resource].ToDecimal(),
                        $"{workload} container {container.Name}: the {resource} request exceeds its limit");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Deployable), MemberType = typeof(KubernetesRoots))]
    public void DeployableKustomization_PinsEveryImageToAVersion(string root)
    {
        foreach (var (workload, template) in ComposedManifests.Of(root).PodTemplates())
        {
            foreach (var container in AllContainers(template.Spec))
            {
                var image = ImageReference.Parse(container.Image);
                Assert.True(image.Digest is not null || image.Tag is not (null or "latest"),
                    $"{workload} container {container.Name}: image '{container.Image}' names no version");
            }
        }
    }

    internal static IEnumerable<V1Container> AllContainers(V1PodSpec spec) => (spec.InitContainers ?? []).Concat(spec.Containers);
}
