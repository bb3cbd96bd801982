using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    private static readonly string[] RandomTexts =
        ["a", "A", "ab", "Émile", "ÉMILE", "x@example.com", "EXAMPLE", "", "work", "Work", "home", "_", "%", "1", "42", "true", "z"];

    private static readonly string[] RandomInstants =
        ["2024-05-01T08:00:00Z", "2024-05-01T08:20:00Z", "2024-05-01T10:20:00+02:00", "2024-05-01T09:00:00.5Z", "2023-01-01T00:00:00Z"];

    // Attribute paths with the kind of value that suits them; any other kind is tried too, and must fail alike.
    private static readonly (string Path, Gen<FilterValue> Value)[] RandomAttributes =
    [
        ("userName", TextValue()), ("displayName", TextValue()), ("externalId", TextValue()), ("title", TextValue()),
        ("name.familyName", TextValue()), ("emails", TextValue()), ("emails.value", TextValue()), ("emails.type", TextValue()),
        ("emails.primary", BoolValue()), ("active", BoolValue()), ("verified", BoolValue()), ("id", TextValue()),
        ("loginCount", NumberValue()), ("score", NumberValue()), ("readings", NumberValue()), ("tags", TextValue()),
        ("lastLogin", InstantValue()), ("meta.created", InstantValue()), ("meta.lastModified", InstantValue()),
        ($"{FilterParityDataset.AcmeUrn}:code", TextValue()), ("groups.display", TextValue()), ("groups", TextValue()),
    ];

    [Fact]
    public async Task Query_RandomFilters_ReturnExactlyWhatTheInMemoryEvaluatorAccepts()
    {
        var users = await LoadRandomUsersAsync(seed: 20240501, count: 40);

        await FilterTree(RandomLeaf(), depth: 3).SampleAsync(
            async filter =>
            {
                var (expected, expectedError) = Evaluate(filter, users);
                var (actual, actualError) = await QueryStoreAsync(filter);
                Assert.Equal(expectedError, actualError);
                Assert.Equal(expected, actual);
            },
            iter: 400,
            threads: 1,
            print: FilterPrinter.Print);
    }

    private static Gen<FilterValue> TextValue() => Gen.OneOf(RandomTexts).Select(t => (FilterValue)new StringValue(t));

    private static Gen<FilterValue> BoolValue() => Gen.Bool.Select(b => (FilterValue)(b ? BooleanValue.True : BooleanValue.False));

    private static Gen<FilterValue> NumberValue() => Gen.OneOf(-1m, 0m, 1m, 7m, 42m, 3.5m).Select(n => (FilterValue)new NumberValue(n));

    private static Gen<FilterValue> InstantValue() => Gen.OneOf(RandomInstants).Select(t => (FilterValue)new StringValue(t));

    private static Gen<Filter> RandomLeaf() => Gen.Int[0, RandomAttributes.Length - 1].SelectMany(index =>
    {
        var (text, suited) = RandomAttributes[index];
        var path = FilterBuilder.Path(text);
        var value = Gen.Frequency((8, suited), (1, TextValue()), (1, Gen.Const<FilterValue>(NullValue.Instance)));
        var comparison = Gen.Select(Gen.Enum<ComparisonOperator>(), value, (op, v) => (Filter)new ComparisonFilter(path, op, v));
        return Gen.Frequency((1, Gen.Const<Filter>(new PresentFilter(path))), (5, comparison));
    });

    private static Gen<Filter> EmailLeaf() => Gen.Select(
        Gen.OneOf("value", "type", "primary"),
        Gen.Enum<ComparisonOperator>(),
        Gen.Frequency((3, TextValue()), (1, BoolValue())),
        (name, op, value) => (Filter)new ComparisonFilter(AttributePath.Of(name), op, value));

    private static Gen<Filter> FilterTree(Gen<Filter> leaf, int depth)
    {
        if (depth == 0)
        {
            return leaf;
        }

        var smaller = FilterTree(leaf, depth - 1);
        return Gen.Frequency(
            (4, leaf),
            (2, Gen.Select(smaller, smaller, (a, b) => (Filter)new AndFilter(a, b))),
            (2, Gen.Select(smaller, smaller, (a, b) => (Filter)new OrFilter(a, b))),
            (1, smaller.Select(f => (Filter)new NotFilter(f))),
            (1, FilterTree(EmailLeaf(), depth - 1).Select(inner => (Filter)new ValuePathFilter(AttributePath.Of("emails"), inner))));
    }

    private static (string[] Ids, string? Error) Evaluate(Filter filter, List<(string Id, JsonObject Json)> users)
    {
        try
        {
            return ([.. users.Where(u => FilterEvaluator.Matches(filter, u.Json, FilterParityDataset.UserType)).Select(u => u.Id).Order(StringComparer.Ordinal)], null);
        }
        catch (ScimException error)
        {
            return ([], $"{error.Status} {error.ScimType}");
        }
    }

    private async Task<(string[] Ids, string? Error)> QueryStoreAsync(Filter filter)
    {
        try
        {
            var result = await Store.QueryAsync(new ResourceQuery(Tenant, FilterParityDataset.UserType, filter, null, new(1, 100), ReadOptions.DocumentOnly), Ct);
            return ([.. result.Resources.Select(r => r.Id).Order(StringComparer.Ordinal)], null);
        }
        catch (ScimException error)
        {
            return ([], $"{error.Status} {error.ScimType}");
        }
    }

    private async Task<List<(string Id, JsonObject Json)>> LoadRandomUsersAsync(int seed, int count)
    {
        var random = new Random(seed);
        string? Pick(params string?[] options) => options[random.Next(options.Length)];
        for (var i = 0; i < count; i++)
        {
            var document = new JsonObject
            {
                ["userName"] = $"{Pick("a", "A", "Émile", "émile", "x_", "x%")}{i}",
                ["displayName"] = Pick("a", "A", "ab", "Émile", "ÉMILE", "", null, "z"),
                ["externalId"] = Pick("a", "A", "1", "42", null),
                ["title"] = Pick("work", "Work", "%", "_", "", null),
                ["active"] = random.Next(3) switch { 0 => true, 1 => false, _ => null },
                ["name"] = random.Next(3) == 0 ? null : new JsonObject { ["familyName"] = Pick("ab", "AB", "émile", "", null) },
                ["emails"] = new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => (JsonNode)new JsonObject
                {
                    ["value"] = Pick("x@example.com", "X@EXAMPLE.COM", "a", "", null),
                    ["type"] = Pick("work", "Work", "home", null),
                    ["primary"] = random.Next(3) switch { 0 => true, 1 => false, _ => null },
                })]),
                [FilterParityDataset.TestUrn] = new JsonObject
                {
                    ["loginCount"] = random.Next(3) == 0 ? null : random.Next(-1, 50),
                    ["score"] = random.Next(3) == 0 ? null : Math.Round(random.NextDouble() * 10 - 2, 1),
                    ["lastLogin"] = Pick([.. RandomInstants, null]),
                    ["verified"] = random.Next(2) == 0,
                    ["tags"] = new JsonArray([.. Enumerable.Range(0, random.Next(3)).Select(_ => (JsonNode?)Pick(RandomTexts))]),
                    ["readings"] = new JsonArray([.. Enumerable.Range(0, random.Next(3)).Select(_ => (JsonNode?)random.Next(0, 10))]),
                },
                [FilterParityDataset.AcmeUrn] = new JsonObject { ["code"] = Pick("a", "A", "%", "1") },
            };
            var created = T0.AddMinutes(random.Next(0, 60)).AddMilliseconds(random.Next(2) * 500);
            await Store.CreateAsync(new ResourceWrite(new(Tenant, FilterParityDataset.UserType, $"u{i.ToString("D2", CultureInfo.InvariantCulture)}"), document, created, []), Ct);
        }

        await CreateGroupAsync("g1", "Work", [Member("u01"), Member("u02"), Member("u03")]);
        await CreateGroupAsync("g2", "a", [Member("u03"), Member("u05")]);
        return await ReadAllAsJsonAsync(FilterParityDataset.UserType);
    }
}
