using System.Text;
using System.Text.Json.Nodes;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Core.Storage;

public class StoredResourceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void StoredText_IsParsedOnlyWhenTheDocumentIsRead_WithMembershipsAppendedInTheOrderAttached()
    {
        var stored = FromText("""{"displayName":"Admins","externalId":"e"}""");
        stored.AddRelationValue("members", Value("u-1"));
        stored.SetRelation("groups", [Value("g-1")]);
        stored.AddRelationValue("members", Value("u-2"));

        Assert.True(stored.IsUnparsed);
        Assert.Equal(["members", "groups"], stored.PendingRelations.Select(r => r.Key));

        var document = stored.Document;

        Assert.False(stored.IsUnparsed);
        Assert.Empty(stored.PendingRelations);
        Assert.Equal(
            """{"displayName":"Admins","externalId":"e","members":[{"value":"u-1"},{"value":"u-2"}],"groups":[{"value":"g-1"}]}""",
            document.ToJsonString());
    }

    [Fact]
    public void SetRelation_BeforeParsing_ReplacesAnEarlierArrayOfTheSameName()
    {
        var stored = FromText("""{"displayName":"Admins"}""");
        stored.AddRelationValue("members", Value("u-1"));

        stored.SetRelation("members", [Value("u-9")]);

        Assert.Equal("""{"displayName":"Admins","members":[{"value":"u-9"}]}""", stored.Document.ToJsonString());
    }

    [Fact]
    public void Relations_AfterParsing_GoStraightIntoTheDocument()
    {
        var stored = FromText("""{"displayName":"Admins"}""");
        _ = stored.Document;

        stored.AddRelationValue("members", Value("u-1"));
        stored.AddRelationValue("members", Value("u-2"));

        Assert.Equal("""{"displayName":"Admins","members":[{"value":"u-1"},{"value":"u-2"}]}""", stored.Document.ToJsonString());
        Assert.Empty(stored.PendingRelations);
    }

    [Fact]
    public void StoredTextThatIsNotAnObject_IsInvalidData()
    {
        var stored = FromText("[1]");

        Assert.Throws<InvalidDataException>(() => stored.Document);
    }

    [Fact]
    public void InstantsStoredAsText_AreGivenAsThatText_AndParseToTheSameInstants()
    {
        var stored = new StoredResource("id-1", 3, "2026-11-29T10:00:00.0000000Z", "2026-11-29T10:05:00.1234567Z", "{}"u8.ToArray());

        Assert.Equal("2026-11-29T10:00:00.0000000Z", stored.CreatedText);
        Assert.Equal("2026-11-29T10:05:00.1234567Z", stored.LastModifiedText);
        Assert.Equal(Now, stored.Created);
        Assert.Equal(Now.AddMinutes(5).AddTicks(1_234_567), stored.LastModified);
        Assert.Equal(TimeSpan.Zero, stored.LastModified.Offset);
    }

    [Fact]
    public void InstantsGivenAsInstants_HaveTheRoundTripTextInUtc()
    {
        var stored = new StoredResource("id-1", 1, Now.ToOffset(TimeSpan.FromHours(2)), Now.AddTicks(1), new JsonObject());

        Assert.Equal("2026-11-29T10:00:00.0000000Z", stored.CreatedText);
        Assert.Equal("2026-11-29T10:00:00.0000001Z", stored.LastModifiedText);
    }

    private static StoredResource FromText(string text) =>
        new("id-1", 1, RoundTripTime.Format(Now), RoundTripTime.Format(Now), Encoding.UTF8.GetBytes(text));

    private static JsonObject Value(string id) => new() { ["value"] = id };
}
