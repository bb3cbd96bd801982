using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;

namespace Scim.Api.Tests.Core.Compatibility;

/// <summary>The value-level tolerance rules, each with the value as an identity provider sends it.</summary>
public sealed class IdpCompatibilityTests
{
    [Theory]
    [InlineData("add", "add")]
    [InlineData("Add", "add")]
    [InlineData("REPLACE", "replace")]
    [InlineData(" Remove ", "remove")]
    [InlineData("delete", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void OperationNames_AreReadInAnyCase(string? op, string? expected) =>
        Assert.Equal(expected, IdpCompatibility.NormalizeOperationName(op));

    [Theory]
    [InlineData("\"True\"", true, true)]
    [InlineData("\"False\"", true, false)]
    [InlineData("\"TRUE\"", true, true)]
    [InlineData("\" false \"", true, false)]
    [InlineData("\"yes\"", false, false)]
    [InlineData("1", false, false)]
    [InlineData("true", false, false)]
    public void BooleanStrings_AreBooleans(string json, bool recognized, bool expected)
    {
        Assert.Equal(recognized, IdpCompatibility.TryReadBooleanString(JsonNode.Parse(json), out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Manager_AsABareId_BecomesAnObjectWithValue()
    {
        var normalized = IdpCompatibility.NormalizeManager(JsonValue.Create("26118915-6090-4610-87e4-49d8ca9f808d"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"value":"26118915-6090-4610-87e4-49d8ca9f808d"}"""), normalized));
        var already = JsonNode.Parse("""{"value":"x"}""");
        Assert.Same(already, IdpCompatibility.NormalizeManager(already));
    }

    [Theory]
    [InlineData("\"string id 1\"", """{"value":"string id 1"}""")]
    [InlineData("""{"value":"u1","displayName":"new User"}""", """{"value":"u1","display":"new User"}""")]
    [InlineData("""{"value":"u1","DisplayName":"A","display":"B"}""", """{"value":"u1","display":"B"}""")]
    [InlineData("""{"value":"u1","display":"VP"}""", """{"value":"u1","display":"VP"}""")]
    public void Members_AsBareIdsOrWithDisplayName_AreNormalized(string member, string expected) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), IdpCompatibility.NormalizeMember(JsonNode.Parse(member))));

    [Theory]
    [InlineData(null, true)]
    [InlineData("\"\"", true)]
    [InlineData("\" \"", false)]
    [InlineData("\"x\"", false)]
    [InlineData("false", false)]
    [InlineData("[]", false)]
    public void EmptyStringAndNull_ClearAnAttribute(string? json, bool clears) =>
        Assert.Equal(clears, IdpCompatibility.IsClearingValue(json is null ? null : JsonNode.Parse(json)));
}
