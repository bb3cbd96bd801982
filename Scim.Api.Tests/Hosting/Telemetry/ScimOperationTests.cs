using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Scim.Api.Core.Schema;
using Scim.Api.Hosting.Telemetry;

namespace Scim.Api.Tests.Hosting.Telemetry;

public sealed class ScimOperationTests
{
    public static TheoryData<string, string, bool, string, string?> Routes => new()
    {
        { "GET", "/scim/v2/Users/", true, "list", "User" },
        { "POST", "/scim/v2/Users/", true, "create", "User" },
        { "POST", "/scim/v2/Users/.search", true, "search", "User" },
        { "GET", "/scim/v2/Users/{id}", true, "get", "User" },
        { "PUT", "/scim/v2/Users/{id}", true, "replace", "User" },
        { "PATCH", "/scim/v2/Users/{id}", true, "patch", "User" },
        { "DELETE", "/scim/v2/Users/{id}", true, "delete", "User" },
        { "POST", "/scim/v2/.search", false, "search", null },
        { "GET", "/scim/v2/Schemas/{id}", false, "schemas", null },
        { "GET", "/scim/v2/ServiceProviderConfig", false, "serviceproviderconfig", null },
        { "POST", "/scim/v2/Bulk", false, "bulk", null },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void Of_NamesTheOperationFromTheRouteAndMethod(string method, string pattern, bool ofUsers, string expected, string? expectedType)
    {
        var metadata = ofUsers ? new EndpointMetadataCollection(BuiltInSchemas.UserResourceType) : EndpointMetadataCollection.Empty;
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, metadata, pattern));

        var operation = ScimOperation.Of(context);

        Assert.Equal(expected, operation.Name);
        Assert.Equal(expectedType, operation.ResourceType);
    }

    [Fact]
    public void Of_ARequestThatMatchedNoRoute_IsUnrouted()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";

        Assert.Equal(new ScimOperation(ScimOperation.Unrouted, null), ScimOperation.Of(context));
    }

    [Theory]
    [InlineData("create", "User", "SCIM create User")]
    [InlineData("search", null, "SCIM search")]
    public void SpanName_IsTheOperationAndType(string name, string? type, string expected) =>
        Assert.Equal(expected, new ScimOperation(name, type).SpanName);
}
