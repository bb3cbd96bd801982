using System.Text.Json.Nodes;

namespace Scim.Api.Tests.Core.Validation;

internal static class JsonAssert
{
    /// <summary>Asserts that two JSON documents are equal, key order included, showing both on failure.</summary>
    public static void Equal(string expected, JsonNode? actual)
    {
        var expectedText = JsonNode.Parse(expected)!.ToJsonString();
        Assert.Equal(expectedText, actual?.ToJsonString());
    }
}
