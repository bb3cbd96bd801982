using System.Text.Json.Nodes;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

/// <summary>
/// RFC 7644 §3.4.2.2 "pr", "eq null" and "ne null" on arrays and objects: a container has a value when something in
/// it has one (null, "", [] and {} have none), as the in-memory evaluator decides.
/// </summary>
public abstract partial class ResourceStoreContractTests
{
    private const string PresenceUrn = "urn:example:params:scim:schemas:extension:presence:2.0:User";

    public static readonly TheoryData<string, string[]> PresenceFilters = new()
    {
        { "name pr", ["named"] },
        { "name eq null", ["blank-name", "empty-list", "mixed-list", "nothing"] },
        { "name ne null", ["named"] },
        { "name.familyName pr", ["named"] },
        { "emails pr", ["mixed-list"] },
        { "emails eq null", ["blank-name", "empty-list", "named", "nothing"] },
        { "emails.value pr", ["mixed-list"] },
        { $"{PresenceUrn}:tags pr", ["mixed-list"] },
        { $"{PresenceUrn}:tags eq null", ["blank-name", "empty-list", "named", "nothing"] },
        { $"{PresenceUrn}:box pr", ["named"] },
        { $"not ({PresenceUrn}:box pr)", ["blank-name", "empty-list", "mixed-list", "nothing"] },
    };

    [Theory]
    [MemberData(nameof(PresenceFilters))]
    public async Task Query_PresenceOfArraysAndObjects_IsTheEvaluatorsPresence(string text, string[] expected)
    {
        var documents = new Dictionary<string, JsonObject>
        {
            ["blank-name"] = With("blank", """{ "name": { "familyName": "" }, "emails": [ { "value": "" } ] }"""),
            ["empty-list"] = With("empty", $$"""{ "emails": [], "{{PresenceUrn}}": { "tags": ["", ""], "box": { "inner": "" } } }"""),
            ["mixed-list"] = With("mixed", $$"""{ "emails": [ { "value": "" }, { "value": "x@example.com" } ], "{{PresenceUrn}}": { "tags": ["", "x"], "box": {} } }"""),
            ["named"] = With("named", $$"""{ "name": { "familyName": "", "givenName": "x", "middleName": "y" }, "{{PresenceUrn}}": { "box": { "inner": [ "", { "deep": 0 } ] } } }"""),
            ["nothing"] = UserDocument("nothing"),
        };
        documents["named"]["name"]!["familyName"] = "Jensen";
        foreach (var (id, document) in documents)
        {
            await CreateUserAsync(id, document);
        }

        var filter = FilterParser.Parse(text);
        var evaluated = documents.Where(d => FilterEvaluator.Matches(filter, d.Value, UserType)).Select(d => d.Key).Order(StringComparer.Ordinal);
        var stored = (await QueryIdsAsync(UserType, filter)).Order(StringComparer.Ordinal);

        Assert.Equal(expected, evaluated);
        Assert.Equal(expected, stored);
    }

    private static JsonObject With(string userName, string json)
    {
        var document = UserDocument(userName);
        foreach (var (name, value) in JsonNode.Parse(json)!.AsObject().ToList())
        {
            document[name] = value?.DeepClone();
        }

        return document;
    }
}
