using System.Text.RegularExpressions;
using MongoDB.Bson;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>Client text in a filter reaches MongoDB only as data: never as an operator, a field path or a pattern.</summary>
public class MongoInjectionTests
{
    private const string Custom = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";

    // Every key the translator may write that starts with '$'; client text must never add one.
    private static readonly HashSet<string> Operators =
    [
        "$and", "$or", "$nor", "$in", "$nin", "$eq", "$gt", "$gte", "$lt", "$lte", "$elemMatch", "$expr", "$anyElementTrue",
        "$map", "$cond", "$isArray", "$type", "$literal", "$regexMatch", "$not", "$ne", "$isNumber", "$let",
        "$dateFromString", "$regularExpression",
    ];

    public static readonly TheoryData<string> HostileTexts = new()
    {
        "$where",
        "$gt",
        "a.b",
        "{\"$ne\": null}",
        ".*+?^${}()|[]\\",
        "x\0y",
        "$$ROOT",
        "\\Ewhatever\\Q",
        "line\nbreak",
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void ComparedValues_StayData_InEveryKindOfComparison(string text)
    {
        foreach (var op in Enum.GetValues<ComparisonOperator>())
        {
            foreach (var path in new[] { "userName", "name.familyName", "emails.value", "externalId", $"{Custom}:costCode" })
            {
                var filter = new ComparisonFilter(FilterBuilder.Path(path), op, new StringValue(text));
                var query = MongoTestTypes.Translate(MongoTestTypes.User, FilterPrinter.Print(filter));

                AssertOnlyOurOperators(query);
                AssertStringsAreLiteral(query, text);
            }
        }
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void RegexPatterns_MatchTheTextLiterally(string text)
    {
        var pattern = MongoRegex.Equal(text);

        // PCRE and .NET read "\A", "\z" and a backslash before punctuation alike; only the hex escape is spelled differently.
        Assert.DoesNotContain('\0', pattern);
        var regex = new Regex(Regex.Replace(pattern, @"\\x\{([0-9a-f]{2})\}", @"\x$1"));
        Assert.Matches(regex, text);
        Assert.DoesNotMatch(regex, text + "x");
        Assert.DoesNotMatch(regex, text + "\n");
        Assert.DoesNotMatch(regex, "x" + text);
    }

    [Theory]
    [InlineData("$where")]
    [InlineData("a.b")]
    [InlineData("x\0y")]
    [InlineData("$ref")]
    public void UndeclaredExtensionAttributeNames_BecomeEncodedFieldNames(string name)
    {
        var filter = new ComparisonFilter(new AttributePath(Custom, name, null), ComparisonOperator.Equal, new StringValue("v"));

        var query = MongoFilterTranslator.Translate(FilterResolver.Resolve(filter, MongoTestTypes.User), MongoTestTypes.User);

        // Compared as text, as a number or boolean, or as an object's "value": every field is the encoded name,
        // upper-cased in the folded copy as every undeclared name is there.
        var field = $"fold.{MongoFieldNames.Encode(Custom.ToUpperInvariant())}.{MongoFieldNames.Encode(name.ToUpperInvariant())}";
        var fields = FieldNames(query).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([field, field + ".VALUE"], fields);
        Assert.All(fields, f => Assert.DoesNotContain('\0', f));
        Assert.All(fields, f => Assert.DoesNotContain('$', f));
    }

    private static IEnumerable<string> FieldNames(BsonValue value) => value switch
    {
        BsonDocument document => document.SelectMany(element =>
            element.Name.StartsWith('$') ? FieldNames(element.Value) : FieldNames(element.Value).Prepend(element.Name)),
        BsonArray array => array.SelectMany(FieldNames),
        _ => [],
    };

    [Fact]
    public void AComparisonInsideAnExpression_WrapsTheValueInLiteral()
    {
        var query = MongoTestTypes.Translate(MongoTestTypes.Device, "ports[since gt \"2024-01-01T00:00:00Z\" and kind eq \"$doc.password\"]");

        var json = query.ToJson(BsonSerializerHelpers.Relaxed);
        Assert.Contains("""{ "$literal" : "$doc.password" }""", json, StringComparison.Ordinal);
    }

    private static void AssertOnlyOurOperators(BsonValue value)
    {
        switch (value)
        {
            case BsonDocument document:
                foreach (var element in document)
                {
                    if (element.Name.StartsWith('$'))
                    {
                        Assert.Contains(element.Name, Operators);
                    }

                    AssertOnlyOurOperators(element.Value);
                }

                break;
            case BsonArray array:
                foreach (var item in array)
                {
                    AssertOnlyOurOperators(item);
                }

                break;
        }
    }

    // Query operators take client strings as data; inside $expr a string could be a field path ("$x") or a variable
    // ("$$x"), so there a client string may appear only in $literal or as an (escaped) pattern. Keys never carry it.
    private static void AssertStringsAreLiteral(BsonValue value, string text, string? parent = null, bool inExpression = false)
    {
        switch (value)
        {
            case BsonDocument document:
                foreach (var element in document)
                {
                    if (!Operators.Contains(element.Name))
                    {
                        Assert.DoesNotContain(text, element.Name, StringComparison.Ordinal);
                    }

                    AssertStringsAreLiteral(element.Value, text, element.Name, inExpression || element.Name == "$expr");
                }

                break;
            case BsonArray array:
                foreach (var item in array)
                {
                    AssertStringsAreLiteral(item, text, parent, inExpression);
                }

                break;
            case BsonRegularExpression regex:
                Assert.DoesNotContain('\0', regex.Pattern);
                break;
            case BsonString data when inExpression && data.Value.StartsWith('$'):
                Assert.True(parent is "$literal" || !data.Value.Contains(text, StringComparison.Ordinal), $"'{data.Value}' appears under '{parent}'.");
                break;
        }
    }
}
