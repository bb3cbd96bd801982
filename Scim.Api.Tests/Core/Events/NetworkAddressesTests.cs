using System.Net;
using Scim.Api.Core.Events;

namespace Scim.Api.Tests.Core.Events;

/// <summary>The addresses a webhook may reach: public ones, and the networks an operator allows.</summary>
public sealed class NetworkAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("192.0.2.1")]
    [InlineData("198.18.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [InlineData("::127.0.0.1")]
    public void NonPublicAddresses_AreRefused(string address)
    {
        Assert.False(NetworkAddresses.PublicOnly.IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("172.32.0.1")]
    public void PublicAddresses_AreAllowed(string address)
    {
        Assert.True(NetworkAddresses.PublicOnly.IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public void AnAllowedNetwork_OpensOnlyThatNetwork()
    {
        var addresses = NetworkAddresses.Parse(["10.20.0.0/16"], "key");

        Assert.True(addresses.IsAllowed(IPAddress.Parse("10.20.3.4")));
        Assert.False(addresses.IsAllowed(IPAddress.Parse("10.21.3.4")));
        Assert.False(addresses.IsAllowed(IPAddress.Parse("127.0.0.1")));
    }

    [Fact]
    public void WithLoopback_AllowsLoopbackOnly()
    {
        var addresses = NetworkAddresses.Parse([], "key", withLoopback: true);

        Assert.True(addresses.IsAllowed(IPAddress.Loopback));
        Assert.True(addresses.IsAllowed(IPAddress.IPv6Loopback));
        Assert.False(addresses.IsAllowed(IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public void Parse_NamesTheEntryThatIsNotANetwork()
    {
        var error = Assert.Throws<FormatException>(() => NetworkAddresses.Parse(["10.0.0.0/8", "ten"], "Scim:Events:Delivery:AllowedNetworks"));

        Assert.StartsWith("Scim:Events:Delivery:AllowedNetworks:1: 'ten'", error.Message, StringComparison.Ordinal);
    }
}
