using System.Text.Json.Nodes;
using Scim.Api.Hosting.Telemetry;

namespace Scim.Api.Tests.Hosting.Telemetry;

public sealed class PatchOperationCountsTests
{
    public static TheoryData<string, string> Bodies => new()
    {
        { """{"Operations":[{"op":"add"},{"op":"add"},{"op":"remove"}]}""", "add=2 remove=1" },
        // Entra's capitalized op names, and the Operations key in any case (RFC 7643 §2.1).
        { """{"operations":[{"op":"Replace"},{"OP":"ADD"}]}""", "add=1 replace=1" },
        { """{"Operations":[{"op":"copy"},{"path":"x"},"add",null]}""", "" },
        { """{"Operations":{"op":"add"}}""", "" },
        { """{"schemas":[]}""", "" },
        { "[]", "" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Of_CountsEachKnownOpOfTheOperationsArray(string body, string expected)
    {
        var counts = PatchOperationCounts.Of(JsonNode.Parse(body));

        Assert.Equal(expected, string.Join(" ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")));
    }

    [Fact]
    public void Of_NoBody_IsEmpty() => Assert.Empty(PatchOperationCounts.Of(null));
}
