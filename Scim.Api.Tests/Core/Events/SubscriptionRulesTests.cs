using Scim.Api.Core.Errors;
using Scim.Api.Core.Events;
using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Core.Events;

/// <summary>What a subscription may say; each refusal is 400 invalidValue whose detail starts with the field at fault.</summary>
public sealed class SubscriptionRulesTests
{
    private static readonly UrlPolicy Production = new(NetworkAddresses.PublicOnly, AllowPlainHttpToLoopback: false);
    private static readonly UrlPolicy Development = new(NetworkAddresses.Parse([], "key", withLoopback: true), AllowPlainHttpToLoopback: true);

    [Theory]
    [InlineData("https://hooks.example.com/scim")]
    [InlineData("https://hooks.example.com:8443/scim?tenant=a")]
    [InlineData("https://93.184.215.14/hook")]
    public void ValidateUrl_HttpsToAPublicHost_IsAccepted(string url)
    {
        Assert.Equal(new Uri(url), SubscriptionRules.ValidateUrl(url, Production));
    }

    [Theory]
    [InlineData(null, "url: a subscription needs")]
    [InlineData("", "url: a subscription needs")]
    [InlineData("hooks.example.com/scim", "url: 'hooks.example.com/scim' is not an absolute URL")]
    [InlineData("http://hooks.example.com/scim", "url: 'http://hooks.example.com' is plain HTTP")]
    [InlineData("http://127.0.0.1:8080/scim", "url: 'http://127.0.0.1:8080' is plain HTTP")]
    [InlineData("ftp://hooks.example.com/", "url: the scheme 'ftp' is not HTTPS")]
    [InlineData("https://user:secret@hooks.example.com/", "url: a URL with credentials")]
    [InlineData("https://hooks.example.com/#fragment", "url: a URL with a fragment")]
    [InlineData("https://127.0.0.1/hook", "url: '127.0.0.1' is a loopback, private")]
    [InlineData("https://localhost/hook", "url: 'localhost' is a loopback, private")]
    [InlineData("https://10.0.0.8/hook", "url: '10.0.0.8' is a loopback, private")]
    [InlineData("https://169.254.169.254/latest/meta-data", "url: '169.254.169.254' is a loopback, private")]
    [InlineData("https://[fd00:ec2::254]/latest", "url: '[fd00:ec2::254]' is a loopback, private")]
    public void ValidateUrl_Refuses_NamingTheField(string? url, string expected)
    {
        var error = Assert.Throws<ScimException>(() => SubscriptionRules.ValidateUrl(url, Production));

        Assert.Equal((400, ScimErrorType.InvalidValue), (error.Status, error.ScimType));
        Assert.StartsWith(expected, error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/hook")]
    [InlineData("http://localhost:5080/hook")]
    [InlineData("https://localhost:5443/hook")]
    public void ValidateUrl_InDevelopment_AcceptsLoopback_EvenOverPlainHttp(string url)
    {
        Assert.Equal(new Uri(url), SubscriptionRules.ValidateUrl(url, Development));
    }

    [Theory]
    [InlineData("http://10.0.0.8/hook", "is plain HTTP")]
    [InlineData("https://169.254.169.254/", "is a loopback, private")]
    public void ValidateUrl_InDevelopment_StillRefusesOtherNonPublicAddresses(string url, string expected)
    {
        Assert.Contains(expected, Assert.Throws<ScimException>(() => SubscriptionRules.ValidateUrl(url, Development)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResourceTypes_NamesTheItemAtFault_AndAcceptsEndpointsAndNames()
    {
        var registry = SchemaRegistry.CreateDefault();

        Assert.Equal(["User", "Group"], SubscriptionRules.ValidateResourceTypes(["User", "/Groups", "user"], registry));
        var error = Assert.Throws<ScimException>(() => SubscriptionRules.ValidateResourceTypes(["User", "Device"], registry));
        Assert.StartsWith("resourceTypes[1]: 'Device' is not a resource type of this service (User, Group)", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOperations_NamesTheItemAtFault()
    {
        Assert.Equal([ChangeOperation.Create, ChangeOperation.Purge], SubscriptionRules.ValidateOperations(["create", "PURGE", "create"]));
        var error = Assert.Throws<ScimException>(() => SubscriptionRules.ValidateOperations(["create", "update"]));
        Assert.StartsWith("operations[1]: 'update' is not an operation (create, replace, patch, delete, restore, purge)", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationKeys_NameTheirItemsAsKeys()
    {
        var error = Assert.Throws<ScimException>(() => SubscriptionRules.ValidateOperations(["nope"], "Scim:Events:Subscriptions:0:Operations"));

        Assert.StartsWith("Scim:Events:Subscriptions:0:Operations:0: 'nope'", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/in/id")]
    [InlineData("an-id-that-is-far-too-long-to-be-one-because-it-goes-on-and-on-and-on")]
    public void ValidateId_RefusesWhatCannotBeAPathSegment(string id)
    {
        Assert.StartsWith("id: ", Assert.Throws<ScimException>(() => SubscriptionRules.ValidateId(id)).Detail, StringComparison.Ordinal);
    }
}
