using System.Net;
using k8s.Models;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scim.Api.Hosting.Network;
using Scim.Api.Tests.Deployment.Manifests;
using ForwardedHeadersOptions = Microsoft.AspNetCore.Builder.ForwardedHeadersOptions;

namespace Scim.Api.Tests.Deployment;

/// <summary>
/// What reaches the Scim pods and what they reach: the Ingress routes only the SCIM API and health to the public port,
/// the admin API has a port of its own that only admin clients may reach, egress is DNS, the collector, the in-cluster
/// MongoDB and HTTPS to public addresses (identity providers' keys), and links are built from the public address.
/// </summary>
public sealed class KubernetesNetworkEdgeTests
{
    private const string IngressControllerNamespace = "ingress-nginx";
    private const string AdminClientLabel = "scim-admin-client";

    public static TheoryData<string> DeployableScim => new("k8s/overlays/dev", "k8s/overlays/prod");

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void Ingress_RoutesTheScimApiAndHealth_AndNeitherAdminNorMetrics(string root)
    {
        var (manifests, _, container) = KubernetesScimDeploymentTests.Scim(root);
        var ingress = Assert.Single(manifests.All<V1Ingress>());
        var paths = ingress.Spec.Rules.SelectMany(r => r.Http.Paths).ToList();
        var mapped = ServiceEndpoints.Mapped;

        Assert.All(paths, p => Assert.Equal("Prefix", p.PathType));
        Assert.All(paths, p => Assert.Equal(KubernetesScimDeploymentTests.HttpPort(container), ServicePortTarget(manifests, container, p.Backend.Service)));
        foreach (var path in new[] { "/scim/v2/Users", "/scim/v2/Groups/abc", "/scim/v2/Bulk", "/scim/v2/ServiceProviderConfig", "/health/live", "/health/ready" })
        {
            Assert.True(paths.Any(p => PrefixMatches(p.Path, path)), $"{root}: the Ingress does not route {path}");
        }

        var unrouted = mapped.Where(r => r.StartsWith("/admin/", StringComparison.Ordinal))
            .Concat(["/metrics", "/", "/scim", "/healthz", "/console", "/console/signin", "/console/signin-oidc", "/console/assets/console.css"]);
        foreach (var path in unrouted)
        {
            Assert.False(paths.Any(p => PrefixMatches(p.Path, path)), $"{root}: the Ingress routes {path}");
        }
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void AdminApi_HasAPortOfItsOwn_WhichTheServiceReallyBindsItTo(string root)
    {
        var (manifests, _, container) = KubernetesScimDeploymentTests.Scim(root);
        var environment = KubernetesScimDeploymentTests.Environment(manifests, container);
        var adminPort = int.Parse(environment["Scim__Admin__Port"], System.Globalization.CultureInfo.InvariantCulture);

        Assert.NotEqual(KubernetesScimDeploymentTests.HttpPort(container), adminPort);
        Assert.Contains(adminPort, ServiceEndpoints.HttpPorts(environment));
        Assert.Equal(adminPort, Assert.Single(container.Ports, p => p.Name == "admin").ContainerPort);
        var adminService = manifests.Named<V1Service>("scim-admin");
        Assert.Equal(adminPort, KubernetesScimDeploymentTests.ContainerPort(container, Assert.Single(adminService.Spec.Ports).TargetPort));

        // The service started with the manifest's settings serves /admin/v1 on that port only.
        using var service = new ConfiguredService(environment);
        var adminEndpoints = service.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/admin/", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(adminEndpoints);
        Assert.All(adminEndpoints, e => Assert.Equal(adminPort, e.Metadata.GetMetadata<LocalPortMetadata>()?.Port));
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void TheConsole_TurnedOnWithTheManifestsSettings_IsBoundToTheAdminPort(string root)
    {
        var (manifests, _, container) = KubernetesScimDeploymentTests.Scim(root);
        var environment = new Dictionary<string, string>(KubernetesScimDeploymentTests.Environment(manifests, container))
        {
            ["Scim__Console__Enabled"] = "true",
        };
        var adminPort = int.Parse(environment["Scim__Admin__Port"], System.Globalization.CultureInfo.InvariantCulture);

        using var service = new ConfiguredService(environment);
        var consoleEndpoints = service.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith("/console", StringComparison.Ordinal)).ToList();

        Assert.Contains(consoleEndpoints, e => e.RoutePattern.RawText == "/console");
        Assert.All(consoleEndpoints, e => Assert.Equal(adminPort, e.Metadata.GetMetadata<LocalPortMetadata>()?.Port));
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void NetworkPolicies_AdmitThePublicPortFromTheIngressControllerOnly_AndTheAdminPortFromAdminClientsOnly(string root)
    {
        var (manifests, _, container) = KubernetesScimDeploymentTests.Scim(root);
        var policies = PoliciesOfScimPods(root);
        var rules = policies.SelectMany(p => p.Spec.Ingress ?? []).ToList();
        var httpPort = KubernetesScimDeploymentTests.HttpPort(container);
        var adminPort = Assert.Single(container.Ports, p => p.Name == "admin").ContainerPort;

        Assert.Contains(policies, p => p.Spec.PolicyTypes.Contains("Ingress"));
        Assert.All(rules, r => Assert.NotEmpty(r.FromProperty ?? []));
        Assert.All(rules, r => Assert.NotEmpty(r.Ports ?? []));
        var admitted = rules.SelectMany(r => r.Ports.Select(p => KubernetesScimDeploymentTests.ContainerPort(container, p.Port))).ToHashSet();
        Assert.Equal(new[] { httpPort, adminPort }.Order(), admitted.Order());
        foreach (var rule in rules)
        {
            var ports = rule.Ports.Select(p => KubernetesScimDeploymentTests.ContainerPort(container, p.Port)).ToList();
            Assert.True(ports.Count == 1, $"{root}: one rule admits several ports ({string.Join(", ", ports)}); give each port its own peers");
            foreach (var peer in rule.FromProperty)
            {
                Assert.Null(peer.IpBlock);
                if (ports[0] == httpPort)
                {
                    Assert.Null(peer.PodSelector);
                    Assert.Equal(IngressControllerNamespace, Assert.IsType<V1LabelSelector>(peer.NamespaceSelector).MatchLabels["kubernetes.io/metadata.name"]);
                }
                else
                {
                    Assert.Null(peer.NamespaceSelector);
                    Assert.Equal(new Dictionary<string, string> { [AdminClientLabel] = "true" }, Assert.IsType<V1LabelSelector>(peer.PodSelector).MatchLabels);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void NetworkPolicies_LetOutOnlyDnsTheCollectorMongoDbAndHttps_EachToNamedPeers(string root)
    {
        var (manifests, _, container) = KubernetesScimDeploymentTests.Scim(root);
        var rules = PoliciesOfScimPods(root).SelectMany(p => p.Spec.Egress ?? []).ToList();
        var otlp = new Uri(manifests.PlainEnvironment(container)["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        // A rule without peers (or without ports) would be open to every address (or port).
        Assert.All(rules, r => Assert.NotEmpty(r.To ?? []));
        Assert.All(rules, r => Assert.NotEmpty(r.Ports ?? []));
        var egress = rules.SelectMany(r => r.Ports.Select(p => $"{p.Port.Value}/{p.Protocol}")).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "53/TCP", "53/UDP", "27017/TCP", "443/TCP", $"{otlp.Port}/TCP" }.Order(StringComparer.Ordinal), egress);
        Assert.All(RulesFor(rules, "53"), r => Assert.All(r.To, to => Assert.Equal("kube-dns", to.PodSelector.MatchLabels["k8s-app"])));
        Assert.All(RulesFor(rules, otlp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            r => Assert.All(r.To, to => Assert.Equal(otlp.Host.Split('.')[1], to.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"])));
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void MongoDbEgress_ReachesOnlyTheInClusterReplicaSet(string root)
    {
        var rules = RulesFor(PoliciesOfScimPods(root).SelectMany(p => p.Spec.Egress ?? []).ToList(), "27017").ToList();
        var mongo = ComposedManifests.Of(KubernetesRoots.MongoExample);
        var mongoPods = mongo.Named<V1StatefulSet>("mongo").Spec.Template.Metadata.Labels;
        var otherPods = mongo.PodTemplates().Where(t => t.Workload != "StatefulSet/mongo").Select(t => t.Template.Metadata.Labels)
            .Append(KubernetesScimDeploymentTests.Scim(root).Deployment.Spec.Template.Metadata.Labels).OfType<IDictionary<string, string>>().ToList();

        Assert.NotEmpty(rules);
        foreach (var peer in rules.SelectMany(r => r.To))
        {
            Assert.Null(peer.IpBlock);
            Assert.Null(peer.NamespaceSelector);
            Assert.NotNull(peer.PodSelector);
            Assert.True(LabelSelectors.Matches(peer.PodSelector, mongoPods), $"{root}: the MongoDB egress does not select the replica set's pods");
            Assert.All(otherPods, labels => Assert.False(LabelSelectors.Matches(peer.PodSelector, labels)));
        }
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void HttpsEgress_ReachesTheIdentityProvidersPublicAddresses_AndNoPrivateOrMetadataAddress(string root)
    {
        var rules = RulesFor(PoliciesOfScimPods(root).SelectMany(p => p.Spec.Egress ?? []).ToList(), "443").ToList();
        var peers = rules.SelectMany(r => r.To).ToList();

        Assert.NotEmpty(rules);
        Assert.All(peers, p => Assert.NotNull(p.IpBlock));
        // login.microsoftonline.com, an Okta edge, and Entra over IPv6: reachable.
        foreach (var address in new[] { "20.190.160.20", "52.41.61.4", "2603:1037:1:200::1" })
        {
            Assert.True(Admits(peers, address), $"{root}: HTTPS to {address} (an identity provider) is not allowed");
        }

        // The pod, service and node networks, the cloud metadata endpoint, loopback, shared and IPv6 private ranges: not.
        foreach (var address in new[] { "10.96.0.1", "10.244.1.5", "172.20.0.10", "192.168.1.1", "169.254.169.254", "100.64.0.5", "127.0.0.1", "fd00::1", "fe80::1" })
        {
            Assert.False(Admits(peers, address), $"{root}: HTTPS to {address} is allowed");
        }
    }

    [Theory]
    [MemberData(nameof(DeployableScim))]
    public void PublicBaseUrl_IsTheIngressHostOverHttps(string root)
    {
        var (manifests, _, container) = KubernetesScimDeploymentTests.Scim(root);
        var ingress = Assert.Single(manifests.All<V1Ingress>());
        var url = new Uri(manifests.PlainEnvironment(container)["Scim__PublicBaseUrl"]);

        Assert.Equal(Uri.UriSchemeHttps, url.Scheme);
        Assert.Equal("/", url.AbsolutePath);
        Assert.Contains(url.Host, ingress.Spec.Rules.Select(r => r.Host));
        Assert.Contains(url.Host, ingress.Spec.Tls.SelectMany(t => t.Hosts));
    }

    [Theory]
    [MemberData(nameof(DeployableScim))]
    public void TrustedProxies_AreAPrivateNetwork_WhichTheServiceReallyTrusts(string root)
    {
        var (manifests, _, container) = KubernetesScimDeploymentTests.Scim(root);
        var environment = KubernetesScimDeploymentTests.Environment(manifests, container);
        var networks = environment.Where(e => e.Key.StartsWith("Scim__ForwardedHeaders__KnownNetworks__", StringComparison.Ordinal))
            .Select(e => IPNetwork.Parse(e.Value)).ToList();
        IPNetwork[] privateRanges = [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("100.64.0.0/10")];

        Assert.NotEmpty(networks);
        Assert.All(networks, n => Assert.Contains(privateRanges, r => r.Contains(n.BaseAddress) && r.PrefixLength <= n.PrefixLength));
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Scim__ForwardedHeaders__KnownProxies__", StringComparison.Ordinal) && environment[k].Length == 0);
        using var service = new ConfiguredService(environment);
        var applied = service.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        Assert.Equal(networks, applied.KnownIPNetworks);
        Assert.Empty(applied.KnownProxies);
    }

    [Fact]
    public void Compose_BuildsLinksFromTheReadmesAddress_AndTrustsNoProxy()
    {
        var environment = ComposeFile.Load().Environment("scim");
        var readme = RepositoryFiles.Read("README.md");

        Assert.Contains($"BASE={environment["Scim__PublicBaseUrl"]}/scim/v2", readme, StringComparison.Ordinal);
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Scim__ForwardedHeaders__", StringComparison.Ordinal));
    }

    /// <summary>The NetworkPolicies that select the Scim pods (they add up).</summary>
    internal static List<V1NetworkPolicy> PoliciesOfScimPods(string root)
    {
        var (manifests, deployment, _) = KubernetesScimDeploymentTests.Scim(root);
        return manifests.All<V1NetworkPolicy>().Where(p => LabelSelectors.Matches(p.Spec.PodSelector, deployment.Spec.Template.Metadata.Labels)).ToList();
    }

    private static IEnumerable<V1NetworkPolicyEgressRule> RulesFor(IEnumerable<V1NetworkPolicyEgressRule> rules, string port) =>
        rules.Where(r => r.Ports.Any(p => p.Port.Value == port));

    private static bool Admits(IEnumerable<V1NetworkPolicyPeer> peers, string address)
    {
        var ip = IPAddress.Parse(address);
        return peers.Select(p => p.IpBlock).OfType<V1IPBlock>().Any(block =>
            IPNetwork.Parse(block.Cidr).Contains(ip) && !(block.Except ?? []).Any(e => IPNetwork.Parse(e).Contains(ip)));
    }

    private static int ServicePortTarget(ComposedManifests manifests, V1Container container, V1IngressServiceBackend backend)
    {
        var service = manifests.Named<V1Service>(backend.Name);
        var port = Assert.Single(service.Spec.Ports, p => backend.Port.Name is { } name ? p.Name == name : p.Port == backend.Port.Number);
        return KubernetesScimDeploymentTests.ContainerPort(container, port.TargetPort);
    }

    // Kubernetes "Prefix" paths match element by element: /health matches /health and /health/ready, not /healthz.
    private static bool PrefixMatches(string prefix, string path)
    {
        var want = prefix.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var have = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return want.Length <= have.Length && want.SequenceEqual(have.Take(want.Length), StringComparer.Ordinal);
    }
}
