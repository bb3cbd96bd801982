using System.Text.Json.Nodes;
using Scim.Api.Core.Patch;

namespace Scim.Api.Tests.Core.Patch;

public class ServerAssignedValuesTests
{
    private static readonly ServerAssignedValues Server = new("u-1", new JsonObject
    {
        ["resourceType"] = "User",
        ["created"] = "2026-11-29T10:00:00.1234567Z",
        ["lastModified"] = "2026-11-29T10:05:00.0000000Z",
        ["location"] = "https://scim.example.com/scim/v2/Users/u-1",
        ["version"] = "W/\"3\"",
    });

    [Theory]
    [InlineData("id", "\"u-1\"")]
    [InlineData("ID", "\"u-1\"")]
    [InlineData("meta", """{"resourceType":"user","version":"3"}""")]
    [InlineData("meta", """{"created":"2026-11-29T12:00:00.1234567+02:00","lastModified":"2026-11-29T10:05:00Z"}""")]
    [InlineData("meta", """{"location":"https://scim.example.com/scim/v2/Users/u-1","version":"\"3\""}""")]
    [InlineData("meta", "{}")]
    public void IsUnchanged_WhatTheServiceReturns_AsAClientMayWriteIt(string name, string sent) =>
        Assert.True(Server.IsUnchanged(name, JsonNode.Parse(sent)));

    [Theory]
    [InlineData("id", "\"u-2\"")]
    [InlineData("id", "\"U-1\"")]
    [InlineData("id", "1")]
    [InlineData("meta", """{"version":"W/\"4\""}""")]
    [InlineData("meta", """{"created":"2026-11-29T10:00:00.1234568Z"}""")]
    [InlineData("meta", """{"location":"https://other.example.com/scim/v2/Users/u-1"}""")]
    [InlineData("meta", """{"extra":"x"}""")]
    [InlineData("meta", """{"version":3}""")]
    [InlineData("meta", "\"x\"")]
    [InlineData("userName", "\"u-1\"")]
    public void IsUnchanged_AnyOtherValue_IsAChange(string name, string sent) =>
        Assert.False(Server.IsUnchanged(name, JsonNode.Parse(sent)));
}
