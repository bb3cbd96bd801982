using System.Text;
using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Core.Filters;

/// <summary>
/// Feeds random and mutated filter and path texts to every entry point: the only exception allowed out is a
/// <see cref="ScimException"/> with a 4xx status, and whatever parses must print and parse back to itself.
/// </summary>
public class FilterRobustnessTests
{
    private const int MutantsPerRun = 24_000;
    private const int RandomStringsPerRun = 8_000;

    private static readonly string[] Fragments =
    [
        "(", ")", "[", "]", "\"", "\\", "\\u", "\\u00", ".", ":", " ", "\t", "\0", "\u00a0", "é", "😀", "\ud800",
        " and ", " or ", "not ", "not (", " eq ", " ne ", " co ", " sw ", " ew ", " gt ", " ge ", " lt ", " le ", " pr",
        "urn:", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:", "$ref", "emails[", "].value",
        "true", "null", "-", "1e999", "0.5", "2015-10-10T14:38:21.8617979-07:00", "\"\"", "\\\"", ")))", "(((",
    ];

    private static readonly JsonObject Resource = JsonNode.Parse("""
        {
          "id": "1", "userName": "bjensen", "active": true, "name": { "givenName": "Barbara" },
          "meta": { "created": "2010-01-23T04:56:22Z" },
          "emails": [ { "value": "b@example.com", "type": "work", "primary": true } ],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "employeeNumber": "7", "manager": { "value": "m" } },
          "urn:acme:x:1.0:User": { "anything": [1, "two", { "value": null }] }
        }
        """)!.AsObject();

    public static TheoryData<int> Seeds => [1, 2, 3];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryEntryPoint_MutatedFilters_FailOnlyWithScimClientErrors(int seed)
    {
        var random = new Random(seed);
        var valid = FilterParserValidCases.Cases.Keys.Concat(FilterParserInvalidCases.Cases.Keys).ToArray();
        for (var i = 0; i < MutantsPerRun / Seeds.Count; i++)
        {
            var text = valid[random.Next(valid.Length)];
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                text = Mutate(text, random);
            }

            Exercise(text);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryEntryPoint_RandomStrings_FailOnlyWithScimClientErrors(int seed)
    {
        var random = new Random(seed * 7919);
        for (var i = 0; i < RandomStringsPerRun / Seeds.Count; i++)
        {
            var builder = new StringBuilder();
            var pieces = random.Next(0, 12);
            for (var p = 0; p < pieces; p++)
            {
                builder.Append(random.Next(3) == 0 ? (char)random.Next(0, 0x10000) : Fragments[random.Next(Fragments.Length)]);
            }

            Exercise(builder.ToString());
        }
    }

    [Theory]
    [InlineData("not (")]
    [InlineData("(")]
    [InlineData("emails[")]
    [InlineData("a eq \"")]
    [InlineData("a pr and ")]
    [InlineData("a pr or ")]
    [InlineData("\\u")]
    public void EveryEntryPoint_HugeRepetitions_FailOnlyWithScimClientErrors(string piece) =>
        Exercise(string.Concat(Enumerable.Repeat(piece, 50_000)) + "a pr");

    private static void Exercise(string text)
    {
        Filter? parsed = null;
        Guard(text, () => parsed = FilterParser.Parse(text));
        Guard(text, () => FilterParser.Parse(text, FilterParseOptions.Strict));
        Guard(text, () => ScimPathParser.Parse(text));
        Guard(text, () => ScimPathParser.ParseAttributePath(text));
        if (parsed is not null)
        {
            var printed = FilterPrinter.Print(parsed);
            Assert.True(Equals(parsed, FilterParser.Parse(printed)), $"Round trip changed {Show(text)} printed as {Show(printed)}");
            Guard(text, () => FilterEvaluator.Matches(parsed, Resource, BuiltInSchemas.UserResourceType));
            Guard(text, () => FilterEvaluator.Matches(parsed, Resource, BuiltInSchemas.UserResourceType, filterIsResolved: true));
            Guard(text, () => FilterEvaluator.Matches(parsed, Resource, BuiltInSchemas.GroupResourceType));
            Guard(text, () => FilterResolver.Resolve(parsed, TestResourceTypes.FilterDevice));
        }
    }

    private static void Guard(string text, Action action)
    {
        try
        {
            action();
        }
        catch (ScimException error) when (error.Status is >= 400 and < 500 && error.ScimType is not null)
        {
        }
        catch (Exception error)
        {
            Assert.Fail($"{error.GetType().Name} for {Show(text)}: {error.Message}");
        }
    }

    private static string Mutate(string text, Random random)
    {
        var at = text.Length == 0 ? 0 : random.Next(text.Length);
        switch (random.Next(6))
        {
            case 0 when text.Length > 0:
                return text.Remove(at, 1);
            case 1:
                return text.Insert(at, Fragments[random.Next(Fragments.Length)]);
            case 2 when text.Length > 1 && at < text.Length - 1:
                var chars = text.ToCharArray();
                (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                return new string(chars);
            case 3:
                return text.Insert(at, ((char)random.Next(0, 0x10000)).ToString());
            case 4 when text.Length > 0:
                return text[..at];
            default:
                var length = Math.Min(random.Next(1, 8), text.Length - at);
                return text.Insert(at, text.Substring(at, Math.Max(0, length)));
        }
    }

    private static string Show(string text) =>
        text.Length > 200 ? $"\"{text[..200]}…\" ({text.Length} chars)" : $"\"{text}\"";
}
