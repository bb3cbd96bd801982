using k8s.Models;
using Scim.Api.Tests.Deployment.Manifests;

namespace Scim.Api.Tests.Deployment;

/// <summary>The Scim Deployment and the objects around it point at each other and at the service's real endpoints.</summary>
public sealed class KubernetesScimDeploymentTests
{
    private const int MongoPort = 27017;

    // The environment variables that may carry the graceful-shutdown timeout: the host's own key, and the service's.
    private static readonly string[] ShutdownTimeoutVariables =
        ["DOTNET_SHUTDOWNTIMEOUTSECONDS", "ASPNETCORE_SHUTDOWNTIMEOUTSECONDS", "Scim__ShutdownTimeoutSeconds"];

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void ContainerPorts_AreThePortsTheServiceListensOn_HttpFirst(string root)
    {
        var (manifests, _, container) = Scim(root);
        var environment = Environment(manifests, container);
        var listening = ServiceEndpoints.HttpPorts(environment);

        Assert.Equal(listening.Order(), container.Ports.Select(p => p.ContainerPort).Order());
        Assert.Equal(ServiceEndpoints.HttpPort(environment), HttpPort(container));
        Assert.Equal(DockerfileModel.Load().Stages[^1].ExposedPorts.Single(), HttpPort(container));
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void Probes_HitTheServicesHealthEndpointsOnTheContainerPort(string root)
    {
        var (manifests, _, container) = Scim(root);
        var httpPort = ServiceEndpoints.HttpPort(Environment(manifests, container));

        Assert.Equal(ServiceEndpoints.Ready, container.ReadinessProbe?.HttpGet?.Path);
        Assert.Equal(ServiceEndpoints.Live, container.LivenessProbe?.HttpGet?.Path);
        Assert.Equal(ServiceEndpoints.Live, container.StartupProbe?.HttpGet?.Path);
        foreach (var probe in new[] { container.ReadinessProbe!, container.LivenessProbe!, container.StartupProbe! })
        {
            Assert.Contains(probe.HttpGet.Path, ServiceEndpoints.Mapped);
            Assert.Equal(httpPort, ContainerPort(container, probe.HttpGet.Port));
        }

        Assert.Equal(httpPort, HttpPort(container));
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void Deployment_RunsTwoOrMoreReplicasSpreadOverNodesAndZones_AndRollsWithoutLosingCapacity(string root)
    {
        var (_, deployment, _) = Scim(root);
        var labels = deployment.Spec.Template.Metadata.Labels;

        Assert.True(deployment.Spec.Replicas >= 2, $"{root}: replicas {deployment.Spec.Replicas}");
        Assert.True(LabelSelectors.Matches(deployment.Spec.Selector, labels));
        Assert.Equal(["kubernetes.io/hostname", "topology.kubernetes.io/zone"],
            deployment.Spec.Template.Spec.TopologySpreadConstraints.Select(t => t.TopologyKey).Order(StringComparer.Ordinal));
        Assert.All(deployment.Spec.Template.Spec.TopologySpreadConstraints, t => Assert.True(LabelSelectors.Matches(t.LabelSelector, labels)));
        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void HorizontalPodAutoscaler_ScalesTheDeploymentOnCpu_FromTwoReplicas(string root)
    {
        var (manifests, deployment, container) = Scim(root);
        var hpa = Assert.Single(manifests.All<V2HorizontalPodAutoscaler>());

        Assert.Equal("apps/v1", hpa.Spec.ScaleTargetRef.ApiVersion);
        Assert.Equal("Deployment", hpa.Spec.ScaleTargetRef.Kind);
        Assert.Equal(deployment.Metadata.Name, hpa.Spec.ScaleTargetRef.Name);
        Assert.True(hpa.Spec.MinReplicas >= 2);
        Assert.True(hpa.Spec.MinReplicas <= deployment.Spec.Replicas && deployment.Spec.Replicas <= hpa.Spec.MaxReplicas,
            $"{root}: replicas {deployment.Spec.Replicas} outside the autoscaler's {hpa.Spec.MinReplicas}..{hpa.Spec.MaxReplicas}");
        Assert.Contains(hpa.Spec.Metrics, m => m.Resource?.Name == "cpu");
        Assert.True(container.Resources.Requests.ContainsKey("cpu"), "CPU utilization needs a CPU request");
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void PodDisruptionBudget_SelectsTheDeploymentsPods_AndLetsOneGo(string root)
    {
        var (manifests, deployment, _) = Scim(root);
        var pdb = Assert.Single(manifests.All<V1PodDisruptionBudget>());

        Assert.False(LabelSelectors.IsEmpty(pdb.Spec.Selector));
        Assert.True(LabelSelectors.Matches(pdb.Spec.Selector, deployment.Spec.Template.Metadata.Labels));
        Assert.True(pdb.Spec.MaxUnavailable?.ToInt() >= 1 || pdb.Spec.MinAvailable?.ToInt() < deployment.Spec.Replicas,
            "the budget must allow a node drain to evict one pod");
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void Services_SelectTheDeploymentsPods_AndTargetAContainerPort_ScimOnlyTheHttpOne(string root)
    {
        var (manifests, deployment, container) = Scim(root);
        var services = manifests.All<V1Service>().Where(s => LabelSelectors.Matches(s.Spec.Selector, deployment.Spec.Template.Metadata.Labels)).ToList();

        Assert.Contains(services, s => s.Metadata.Name == "scim");
        Assert.All(services.SelectMany(s => s.Spec.Ports), p => Assert.Contains(ContainerPort(container, p.TargetPort), container.Ports.Select(c => c.ContainerPort)));
        var port = Assert.Single(manifests.Named<V1Service>("scim").Spec.Ports);
        Assert.Equal(HttpPort(container), ContainerPort(container, port.TargetPort));
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void Ingress_RoutesEveryHostToTheServicePort_OverTlsIssuedByCertManager(string root)
    {
        var (manifests, _, _) = Scim(root);
        var ingress = Assert.Single(manifests.All<V1Ingress>());
        var services = manifests.All<V1Service>().ToDictionary(s => s.Metadata.Name);

        Assert.False(string.IsNullOrEmpty(ingress.Spec.IngressClassName));
        Assert.True(ingress.Metadata.Annotations.ContainsKey("cert-manager.io/cluster-issuer") || ingress.Metadata.Annotations.ContainsKey("cert-manager.io/issuer"));
        var tlsHosts = ingress.Spec.Tls.SelectMany(t => t.Hosts).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(ingress.Spec.Tls, t => Assert.False(string.IsNullOrEmpty(t.SecretName)));
        foreach (var rule in ingress.Spec.Rules)
        {
            Assert.Contains(rule.Host, tlsHosts);
            foreach (var backend in rule.Http.Paths.Select(p => p.Backend.Service))
            {
                Assert.True(services.TryGetValue(backend.Name, out var service), $"the Ingress routes to a Service '{backend.Name}' that {root} does not define");
                Assert.Contains(service.Spec.Ports, p => backend.Port.Name is { } name ? p.Name == name : p.Port == backend.Port.Number);
            }
        }
    }

    [Fact]
    public void MongoExample_AdmitsScimPods_OnThePortScimMayReach()
    {
        var (_, deployment, _) = Scim(KubernetesRoots.Base);
        var mongo = ComposedManifests.Of(KubernetesRoots.MongoExample);
        var policy = mongo.Named<V1NetworkPolicy>("mongo");
        var service = mongo.Named<V1Service>("mongo");

        Assert.Equal(MongoPort, Assert.Single(service.Spec.Ports).Port);
        Assert.Contains(policy.Spec.Ingress.SelectMany(r => r.FromProperty),
            peer => peer.NamespaceSelector is null && LabelSelectors.Matches(peer.PodSelector, deployment.Spec.Template.Metadata.Labels));
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void TerminationGracePeriod_CoversThePreStopDelayAndTheServicesShutdownTimeout(string root)
    {
        var (manifests, deployment, container) = Scim(root);
        var preStop = container.Lifecycle?.PreStop?.Sleep?.Seconds ?? 0;
        var grace = deployment.Spec.Template.Spec.TerminationGracePeriodSeconds;
        var environment = manifests.PlainEnvironment(container);
        var variable = Assert.Single(ShutdownTimeoutVariables, environment.ContainsKey);
        var configured = int.Parse(environment[variable], System.Globalization.CultureInfo.InvariantCulture);

        // The service applies the timeout the manifest sets, and it is that setting which decides it.
        foreach (var seconds in new[] { configured, configured + 7 })
        {
            using var service = new ConfiguredService(new Dictionary<string, string>(environment) { [variable] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var applied = service.ShutdownTimeout().TotalSeconds;
            Assert.True(applied == seconds, $"{variable}={seconds} does not take effect: the service's shutdown timeout is {applied} s; set the key the service reads");
        }

        Assert.True(preStop >= 1, "a preStop delay lets endpoints drop the pod before it stops taking requests");
        Assert.True(preStop + configured < grace,
            $"preStop {preStop} s + shutdown timeout {configured} s must end before terminationGracePeriodSeconds {grace}");
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void Tmp_IsAWritableEmptyDir(string root)
    {
        var (_, deployment, container) = Scim(root);
        var mount = Assert.Single(container.VolumeMounts, m => m.MountPath == "/tmp");
        var volume = Assert.Single(deployment.Spec.Template.Spec.Volumes, v => v.Name == mount.Name);

        Assert.NotNull(volume.EmptyDir);
        Assert.NotEqual(true, mount.ReadOnlyProperty);
    }

    internal static (ComposedManifests Manifests, V1Deployment Deployment, V1Container Container) Scim(string root)
    {
        var manifests = ComposedManifests.Of(root);
        var deployment = manifests.Named<V1Deployment>("scim");
        return (manifests, deployment, Assert.Single(deployment.Spec.Template.Spec.Containers, c => c.Name == "scim"));
    }

    /// <summary>The container's environment over the image's ENV, as the running container sees it.</summary>
    internal static Dictionary<string, string> Environment(ComposedManifests manifests, V1Container container)
    {
        var environment = new Dictionary<string, string>(DockerfileModel.Load().Stages[^1].Environment, StringComparer.Ordinal);
        foreach (var (name, value) in manifests.PlainEnvironment(container))
        {
            environment[name] = value;
        }

        return environment;
    }

    internal static int ContainerPort(V1Container container, IntOrString port) =>
        int.TryParse(port.Value, out var number) ? number : Assert.Single(container.Ports, p => p.Name == port.Value).ContainerPort;

    /// <summary>The container port named http: the one the identity providers reach through the Service and Ingress.</summary>
    internal static int HttpPort(V1Container container) => Assert.Single(container.Ports, p => p.Name == "http").ContainerPort;
}
