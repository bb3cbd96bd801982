using System.Text.Json.Nodes;
using CsCheck;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;
using static Scim.Api.Tests.Core.Filters.FilterTrees;

namespace Scim.Api.Tests.Core.Filters;

public class FilterEvaluatorPropertyTests
{
    private const string Badge = "urn:acme:custom:1.0:User";
    private static readonly ResourceTypeDefinition User = BuiltInSchemas.UserResourceType;

    private static readonly string[] Texts = ["a", "A", "ab", "Ab", "b", "ba", ""];
    private static readonly string[] Instants = ["2020-01-01T00:00:00Z", "2020-01-01T02:00:00+02:00", "2021-06-01T00:00:00-05:00", "2019-12-31T23:59:59.9999999Z"];

    private enum Kind
    {
        Text,
        Flag,
        Instant,
    }

    private static readonly (AttributePath Path, Kind Kind)[] Attributes =
    [
        (P("userName"), Kind.Text),
        (P("displayName"), Kind.Text),
        (P("name.givenName"), Kind.Text),
        (P("emails"), Kind.Text),
        (P("emails.value"), Kind.Text),
        (P("emails.type"), Kind.Text),
        (P("emails.primary"), Kind.Flag),
        (P("active"), Kind.Flag),
        (P("id"), Kind.Text),
        (P("meta.created"), Kind.Instant),
        (Urn(Enterprise, "employeeNumber"), Kind.Text),
        (Urn(Badge, "badge"), Kind.Text),
    ];

    private sealed record Email(string? Value, string? Type, bool? Primary);

    private sealed record UserData(
        string? UserName, string? DisplayName, string? GivenName, bool? Active, string? Id, string? Created,
        string? EmployeeNumber, string? BadgeText, Email[] Emails)
    {
        public JsonObject ToJson()
        {
            var json = new JsonObject();
            Put(json, "userName", UserName);
            Put(json, "displayName", DisplayName);
            Put(json, "id", Id);
            if (Active is { } active)
            {
                json["active"] = active;
            }

            if (GivenName is not null)
            {
                json["name"] = new JsonObject { ["givenName"] = GivenName };
            }

            if (Created is not null)
            {
                json["meta"] = new JsonObject { ["created"] = Created };
            }

            if (EmployeeNumber is not null)
            {
                json[Enterprise] = new JsonObject { ["employeeNumber"] = EmployeeNumber };
            }

            if (BadgeText is not null)
            {
                json[Badge] = new JsonObject { ["badge"] = BadgeText };
            }

            var emails = new JsonArray();
            foreach (var email in Emails)
            {
                var item = new JsonObject();
                Put(item, "value", email.Value);
                Put(item, "type", email.Type);
                if (email.Primary is { } primary)
                {
                    item["primary"] = primary;
                }

                emails.Add(item);
            }

            json["emails"] = emails;
            return json;
        }

        private static void Put(JsonObject json, string key, string? value)
        {
            if (value is not null)
            {
                json[key] = value;
            }
        }
    }

    private static Gen<string?> Maybe(Gen<string> gen) => Gen.Frequency((1, Gen.Const(NoText)), (3, gen.Select(s => (string?)s)));

    private static readonly string? NoText = null;

    private static readonly Gen<string> Text = Gen.OneOf(Texts);
    private static readonly Gen<string> Instant = Gen.OneOf(Instants);
    private static readonly Gen<bool?> Flag = Gen.OneOf<bool?>(null, true, false);

    private static readonly Gen<Email> EmailGen = Gen.Select(Maybe(Text), Maybe(Gen.OneOf("work", "home", "Work")), Flag, (v, t, p) => new Email(v, t, p));

    private static readonly Gen<UserData> Document =
        from userName in Maybe(Text)
        from displayName in Maybe(Text)
        from givenName in Maybe(Text)
        from active in Flag
        from id in Maybe(Text)
        from created in Maybe(Instant)
        from employeeNumber in Maybe(Text)
        from badge in Maybe(Text)
        from emails in EmailGen.Array[0, 3]
        select new UserData(userName, displayName, givenName, active, id, created, employeeNumber, badge, emails);

    private static readonly Gen<Filter> Leaf = Gen.Int[0, Attributes.Length - 1].SelectMany(index =>
    {
        var (path, kind) = Attributes[index];
        var present = Gen.Const<Filter>(new PresentFilter(path));
        var comparison = kind switch
        {
            Kind.Flag => Gen.Select(Gen.OneOf(ComparisonOperator.Equal, ComparisonOperator.NotEqual), Gen.Bool, (op, b) => (Filter)Cmp(path, op, b)),
            Kind.Instant => Gen.Select(
                Gen.OneOf(ComparisonOperator.Equal, ComparisonOperator.NotEqual, ComparisonOperator.GreaterThan, ComparisonOperator.GreaterOrEqual, ComparisonOperator.LessThan, ComparisonOperator.LessOrEqual),
                Instant,
                (op, t) => (Filter)Cmp(path, op, t)),
            _ => Gen.Select(Gen.Enum<ComparisonOperator>(), Text, (op, t) => (Filter)Cmp(path, op, t)),
        };
        return Gen.Frequency((1, present), (4, comparison));
    });

    private static readonly Gen<Filter> EmailLeaf = Gen.Select(
        Gen.OneOf("value", "type"),
        Gen.Enum<ComparisonOperator>(),
        Text,
        (name, op, text) => (Filter)Cmp(name, op, text));

    private static readonly Gen<Filter> UserFilter = FilterGenerators.Tree(
        Gen.Frequency((5, Leaf), (1, FilterGenerators.Tree(EmailLeaf).Select(inner => (Filter)Vp("emails", inner)))));

    private static bool Matches(Filter filter, JsonObject json) => FilterEvaluator.Matches(filter, json, User);

    [Fact]
    public void Not_IsTheNegation() =>
        Gen.Select(UserFilter, Document).Sample(
            (filter, data) =>
            {
                var json = data.ToJson();
                Assert.Equal(!Matches(filter, json), Matches(Not(filter), json));
            },
            iter: 1500);

    [Fact]
    public void AndOr_AreConjunctionAndDisjunction() =>
        Gen.Select(UserFilter, UserFilter, Document).Sample(
            (f, g, data) =>
            {
                var json = data.ToJson();
                var (a, b) = (Matches(f, json), Matches(g, json));
                Assert.Equal(a && b, Matches(And(f, g), json));
                Assert.Equal(a || b, Matches(Or(f, g), json));
            },
            iter: 1500);

    [Fact]
    public void NotEqual_IsTheNegationOfEqual() =>
        Gen.Select(Gen.Int[0, Attributes.Length - 1], Gen.OneOf<object>([.. Texts, true, false, .. Instants]), Document).Sample(
            (index, value, data) =>
            {
                var (path, kind) = Attributes[index];
                if ((kind == Kind.Flag) != value is bool || (kind == Kind.Instant && !Instants.Contains(value)))
                {
                    return;
                }

                var json = data.ToJson();
                Assert.Equal(!Matches(Cmp(path, ComparisonOperator.Equal, value), json), Matches(Cmp(path, ComparisonOperator.NotEqual, value), json));
            },
            iter: 1500);

    [Fact]
    public void PrintedAndReparsed_FilterGivesTheSameAnswer() =>
        Gen.Select(UserFilter, Document).Sample(
            (filter, data) =>
            {
                var json = data.ToJson();
                Assert.Equal(Matches(filter, json), Matches(FilterParser.Parse(FilterPrinter.Print(filter)), json));
            },
            iter: 1000);

    [Fact]
    public void ResolvedFilter_GivesTheSameAnswer() =>
        Gen.Select(UserFilter, Document).Sample(
            (filter, data) =>
            {
                var json = data.ToJson();
                var resolved = FilterResolver.Resolve(filter, User);
                Assert.Equal(Matches(filter, json), FilterEvaluator.Matches(resolved, json, User, filterIsResolved: true));
            },
            iter: 1000);

    [Fact]
    public void EqualsOwnValue_AlwaysMatches() =>
        Document.Sample(
            data =>
            {
                var json = data.ToJson();
                foreach (var (path, value) in OwnValues(data))
                {
                    Assert.True(Matches(Eq(path, value), json), $"{path} eq {value}");
                    Assert.False(Matches(Ne(path, value), json), $"{path} ne {value}");
                    Assert.True(value is bool || Matches(Cmp(path, ComparisonOperator.GreaterOrEqual, value), json), $"{path} ge {value}");
                }
            },
            iter: 1500);

    [Fact]
    public void EqualsOwnValueInAnotherCase_MatchesUnlessCaseExact() =>
        Document.Sample(
            data =>
            {
                var json = data.ToJson();
                if (data.UserName is { Length: > 0 } userName)
                {
                    Assert.True(Matches(Eq("userName", userName.ToUpperInvariant()), json));
                }

                if (data.Id is { } id && id.ToUpperInvariant() != id)
                {
                    Assert.False(Matches(Eq("id", id.ToUpperInvariant()), json));
                }
            },
            iter: 1000);

    [Fact]
    public void Present_MatchesExactlyTheNonEmptyValues() =>
        Document.Sample(
            data =>
            {
                var json = data.ToJson();
                Assert.Equal(data.UserName is { Length: > 0 }, Matches(Pr("userName"), json));
                Assert.Equal(data.Emails.Any(e => e.Value is { Length: > 0 }), Matches(Pr("emails.value"), json));
                Assert.Equal(data.Emails.Any(e => e.Value is { Length: > 0 } || e.Type is { Length: > 0 } || e.Primary is not null), Matches(Pr("emails"), json));
            },
            iter: 1000);

    private static IEnumerable<(AttributePath Path, object Value)> OwnValues(UserData data)
    {
        if (data.UserName is { } userName)
        {
            yield return (P("userName"), userName);
        }

        if (data.GivenName is { } givenName)
        {
            yield return (P("name.givenName"), givenName);
        }

        if (data.Active is { } active)
        {
            yield return (P("active"), active);
        }

        if (data.Created is { } created)
        {
            yield return (P("meta.created"), created);
        }

        if (data.EmployeeNumber is { } employeeNumber)
        {
            yield return (Urn(Enterprise, "employeeNumber"), employeeNumber);
        }

        if (data.BadgeText is { } badge)
        {
            yield return (Urn(Badge, "badge"), badge);
        }

        foreach (var email in data.Emails)
        {
            if (email.Value is { } value)
            {
                yield return (P("emails.value"), value);
                yield return (P("emails"), value);
            }

            if (email.Primary is { } primary)
            {
                yield return (P("emails.primary"), primary);
            }
        }
    }
}
