using MongoDB.Bson;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The part of a filter that reads memberships (Group <c>members…</c>, User <c>groups…</c>) as an existence check
/// that joins each resource to its membership rows: a <c>$lookup</c> stage whose sub-pipeline seeks the rows of the
/// resource on the <c>membership</c> index (t, g, m) or the <c>memberOf</c> index (t, m, g), keeps those that satisfy
/// the condition, and stops at the first (<c>$limit: 1</c>). Each row is one value of the multi-valued attribute, so a
/// value filter such as <c>members[value eq "u1" and type eq "User"]</c> applies all its criteria to one row. The
/// resource query then tests whether the lookup found a row (<see cref="Matched"/>).
/// <para>
/// No list of ids is ever built: the rows of a group of a million members are read one index key at a time by the
/// server, never gathered into a command, so no condition can hit the 16 MB limit of a document or a command. The
/// cost is one index seek per resource the rest of the filter leaves, as for SQLite's correlated EXISTS.
/// </para>
/// <para>
/// A display (a member's, as the member resource has it now unless the client gave one; a group's) is not stored in
/// the row: the sub-pipeline joins the row to that resource by <c>_id</c> first. Text is compared folded
/// (<c>mk</c>, <c>gk</c>, <c>typeKey</c>, <c>displayKey</c>), as everywhere in the store.
/// </para>
/// </summary>
internal sealed record MongoMembershipLookup(string Name, BsonDocument Stage)
{
    private const string Keys = "_keys";
    private const string Joined = "_r";
    private const string DerivedDisplay = "_display";
    private const string DerivedDisplayKey = "_displayKey";

    /// <summary>The condition on the resource that the lookup found a row (or, <paramref name="negated"/>, none).</summary>
    public static BsonDocument Matched(string name, bool negated) =>
        new($"{name}.0", new BsonDocument("$exists", !negated));

    /// <summary>
    /// The form of a membership condition that is run: <c>ne</c> runs as <c>eq</c> and <c>eq null</c> as <c>pr</c>,
    /// then negated in the resource query, because "no value equals" is not "some value differs".
    /// </summary>
    public static (Filter Positive, bool Negated) PositiveForm(Filter filter) => filter switch
    {
        ComparisonFilter { Value: NullValue } comparison =>
            (new PresentFilter(comparison.Path), comparison.Operator != ComparisonOperator.NotEqual),
        ComparisonFilter { Operator: ComparisonOperator.NotEqual } comparison =>
            (comparison with { Operator = ComparisonOperator.Equal }, true),
        _ => (filter, false),
    };

    /// <summary>The distinct positive membership conditions of a resolved filter, in the order they appear.</summary>
    public static IReadOnlyList<Filter> Collect(Filter resolved, ResourceTypeDefinition type)
    {
        var found = new List<Filter>();
        void Walk(Filter filter)
        {
            switch (filter)
            {
                case AndFilter and:
                    Walk(and.Left);
                    Walk(and.Right);
                    break;
                case OrFilter or:
                    Walk(or.Left);
                    Walk(or.Right);
                    break;
                case NotFilter not:
                    Walk(not.Inner);
                    break;
                default:
                    var path = filter switch
                    {
                        ComparisonFilter comparison => comparison.Path,
                        PresentFilter present => present.Path,
                        ValuePathFilter valuePath => valuePath.Path,
                        _ => null,
                    };
                    if (path is not null && MongoAttributeLocation.Resolve(type, path).Kind == MongoAttributeKind.Membership)
                    {
                        var (positive, _) = PositiveForm(filter);
                        if (!found.Contains(positive))
                        {
                            found.Add(positive);
                        }
                    }

                    break;
            }
        }

        Walk(resolved);
        return found;
    }

    /// <summary>The lookup stage for one positive condition, writing its rows (at most one) to <paramref name="name"/>.</summary>
    /// <param name="resourceTypeNames">The types a member may be (to join a row to its member by <c>_id</c>).</param>
    /// <param name="groupTypeNames">The types that hold members (to join a row to its group by <c>_id</c>).</param>
    public static MongoMembershipLookup For(
        Filter positive,
        ResourceTypeDefinition type,
        string tenant,
        string name,
        IReadOnlyList<string> resourceTypeNames,
        IReadOnlyList<string> groupTypeNames)
    {
        var path = positive switch
        {
            ComparisonFilter comparison => comparison.Path,
            PresentFilter present => present.Path,
            ValuePathFilter valuePath => valuePath.Path,
            _ => throw new ArgumentException("Not a membership condition.", nameof(positive)),
        };
        var location = MongoAttributeLocation.Resolve(type, path);
        var attribute = location.Resolved.Definition!;
        Filter? element = positive switch
        {
            ValuePathFilter valuePath => valuePath.Inner,
            PresentFilter when location.Resolved.SubAttributeName is null => null,
            PresentFilter => new PresentFilter(AttributePath.Of(location.Resolved.SubAttributeName!)),
            ComparisonFilter comparison => comparison with { Path = AttributePath.Of(location.Resolved.SubAttributeName ?? "value") },
            _ => null,
        };

        var derived = false;
        MongoElementTarget TargetOf(AttributePath sub)
        {
            var target = Target(attribute, location.IsGroupSide, sub.Name, path);
            derived |= target.QueryField is DerivedDisplay or DerivedDisplayKey;
            return target;
        }

        var condition = element?.Accept(new MongoElementQueryTranslator(TargetOf)) ?? MongoConditions.Always;
        var scope = new BsonDocument(MongoFields.MembershipTenant, tenant);
        var rows = new BsonArray();
        if (derived)
        {
            rows.Add(new BsonDocument("$match", scope));
            rows.AddRange(JoinOtherEnd(location.IsGroupSide, resourceTypeNames, groupTypeNames));
            if (condition.ElementCount > 0)
            {
                rows.Add(new BsonDocument("$match", condition));
            }
        }
        else
        {
            rows.Add(new BsonDocument("$match", MongoConditions.And([scope, condition])));
        }

        rows.Add(new BsonDocument("$limit", 1));
        rows.Add(new BsonDocument("$project", new BsonDocument(MongoFields.Id, 1)));
        return new MongoMembershipLookup(name, new BsonDocument("$lookup", new BsonDocument
        {
            { "from", MongoFields.MembershipsCollection },
            { "localField", MongoFields.ResourceId },
            { "foreignField", location.IsGroupSide ? MongoFields.MembershipGroup : MongoFields.MembershipMember },
            { "pipeline", rows },
            { "as", name },
        }));
    }

    // The other end of each row (the member, of any type, for Group.members; the group for User.groups), joined by
    // _id, gives the display the row shows.
    private static BsonDocument[] JoinOtherEnd(bool groupSide, IReadOnlyList<string> resourceTypeNames, IReadOnlyList<string> groupTypeNames)
    {
        var otherEnd = groupSide ? MongoFields.MembershipMember : MongoFields.MembershipGroup;
        var candidates = groupSide ? resourceTypeNames : groupTypeNames;
        var keys = new BsonArray(candidates.Select(candidate => new BsonDocument
        {
            { "t", "$" + MongoFields.MembershipTenant },
            { "rt", new BsonDocument("$literal", candidate) },
            { "id", "$" + otherEnd },
        }));
        var derivedFields = groupSide
            ? new BsonDocument
            {
                { DerivedDisplay, new BsonDocument("$ifNull", new BsonArray { "$" + MongoFields.MembershipDisplay, First(MongoFields.Display) }) },
                { DerivedDisplayKey, new BsonDocument("$ifNull", new BsonArray { "$" + MongoFields.MembershipDisplayKey, First(MongoFields.DisplayKey) }) },
            }
            : new BsonDocument { { DerivedDisplay, First(MongoFields.Display) }, { DerivedDisplayKey, First(MongoFields.DisplayKey) } };
        return
        [
            new("$addFields", new BsonDocument(Keys, keys)),
            new("$lookup", new BsonDocument
            {
                { "from", MongoFields.ResourcesCollection },
                { "localField", Keys },
                { "foreignField", MongoFields.Id },
                { "pipeline", new BsonArray { new BsonDocument("$project", new BsonDocument { { MongoFields.Display, 1 }, { MongoFields.DisplayKey, 1 } }) } },
                { "as", Joined },
            }),
            new("$addFields", derivedFields),
        ];
    }

    private static BsonDocument First(string field) => new("$first", $"${Joined}.{field}");

    private static MongoElementTarget Target(AttributeDefinition attribute, bool groupSide, string name, AttributePath path)
    {
        var sub = attribute.FindSubAttribute(name)
            ?? throw ScimException.InvalidFilter($"'{path.Name}' has no sub-attribute '{name}'.");
        var folded = MongoFoldedDocument.IsFolded(sub);
        string Pick(string raw, string key) => folded ? key : raw;
        return (groupSide, sub.Name) switch
        {
            (true, "value") => Field(Pick(MongoFields.MembershipMember, MongoFields.MembershipMemberKey), sub, folded),
            (true, "type") => Field(Pick(MongoFields.MembershipType, MongoFields.MembershipTypeKey), sub, folded),
            (true, "display") => Field(Pick(DerivedDisplay, DerivedDisplayKey), sub, folded),
            (false, "value") => Field(Pick(MongoFields.MembershipGroup, MongoFields.MembershipGroupKey), sub, folded),

            // Memberships are direct only (RFC 7643 §4.1.2 "direct" or "indirect").
            (false, "type") => new(MongoFields.MembershipType, null, sub.Type, folded, Constant: "direct"),
            (false, "display") => Field(Pick(DerivedDisplay, DerivedDisplayKey), sub, folded),

            // $ref is made from the base URL when the resource is returned; the store never has it.
            _ => new(MongoFields.Id, null, sub.Type, folded) { NeverStored = true },
        };
    }

    private static MongoElementTarget Field(string field, AttributeDefinition sub, bool folded) => new(field, "$" + field, sub.Type, folded);
}
