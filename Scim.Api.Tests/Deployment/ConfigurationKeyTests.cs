using Scim.Api.Tests.Deployment.Manifests;

namespace Scim.Api.Tests.Deployment;

/// <summary>Every setting the deployment files give the service is one it reads: no silently ignored settings.</summary>
public sealed class ConfigurationKeyTests
{
    [Theory]
    [MemberData(nameof(KubernetesRoots.Scim), MemberType = typeof(KubernetesRoots))]
    public void KubernetesManifests_SetOnlyKeysTheServiceBinds(string root)
    {
        var (manifests, _, container) = KubernetesScimDeploymentTests.Scim(root);
        var names = root == KubernetesRoots.Base
            ? manifests.PlainEnvironment(container).Keys.ToList()
            : manifests.EnvironmentNames(container);

        Assert.NotEmpty(names);
        Assert.Empty(names.Select(ServiceConfigurationKeys.ProblemWithEnvironmentVariable).OfType<string>());
    }

    [Fact]
    public void ComposeFile_SetsOnlyKeysTheServiceBinds()
    {
        var names = ComposeFile.Load().Environment("scim").Keys.ToList();

        Assert.NotEmpty(names);
        Assert.Empty(names.Select(ServiceConfigurationKeys.ProblemWithEnvironmentVariable).OfType<string>());
    }

    [Fact]
    public void Dockerfile_SetsOnlyKeysTheServiceBinds()
    {
        var names = DockerfileModel.Load().Stages[^1].Environment.Keys.ToList();

        Assert.NotEmpty(names);
        Assert.Empty(names.Select(ServiceConfigurationKeys.ProblemWithEnvironmentVariable).OfType<string>());
    }

    [Theory]
    [InlineData("Scim__MaxResults")]
    [InlineData("scim__rejectunknownmembers")]
    [InlineData("Scim__Auth__Tokens__0__Hash")]
    [InlineData("Scim__Auth__Tokens__12__ReadOnly")]
    [InlineData("Storage__Mongo__OperationTimeout")]
    [InlineData("Storage__Sqlite__Durability")]
    [InlineData("ConnectionStrings__Mongo")]
    [InlineData("ASPNETCORE_HTTP_PORTS")]
    [InlineData("ASPNETCORE_URLS")]
    [InlineData("DOTNET_SHUTDOWNTIMEOUTSECONDS")]
    [InlineData("Kestrel__Certificates__Default__Path")]
    [InlineData("Kestrel__Certificates__Default__Password")]
    [InlineData("Kestrel__Endpoints__Https__SslProtocols__0")]
    [InlineData("Kestrel__Limits__MaxRequestBodySize")]
    [InlineData("Logging__LogLevel__Microsoft.AspNetCore")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public void BoundKey_IsAccepted(string name)
    {
        Assert.Null(ServiceConfigurationKeys.ProblemWithEnvironmentVariable(name));
    }

    [Theory]
    [InlineData("Scim__MaxResult")]
    [InlineData("Scim__Auth__Tokens__first__Hash")]
    [InlineData("Scim__Auth__Token__0__Hash")]
    [InlineData("Storage__Mongo__Databse")]
    [InlineData("ConnectionStrings__Mongodb")]
    [InlineData("Loging__LogLevel__Default")]
    [InlineData("Kestrel__Certificates__Default__Pasword")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPIONT")]
    [InlineData("ASPNETCORE_HTTP_PORT")]
    public void UnboundKey_IsReportedWithItsName(string name)
    {
        var problem = ServiceConfigurationKeys.ProblemWithEnvironmentVariable(name);

        Assert.NotNull(problem);
        Assert.Contains(name, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storage__Mongo__ConnectionString", "ConnectionStrings:Mongo")]
    [InlineData("Storage__Sqlite__RejectUnknownMembers", "Scim:RejectUnknownMembers")]
    public void KeyTheServiceOverwrites_IsReportedWithTheKeyToSetInstead(string name, string instead)
    {
        Assert.Contains(instead, ServiceConfigurationKeys.ProblemWithEnvironmentVariable(name), StringComparison.Ordinal);
    }
}
