using MongoDB.Bson;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The part of a filter that reads memberships (Group <c>members…</c>, User <c>groups…</c>) as a query on the
/// membership collection, where each row is one value of the multi-valued attribute: a value filter such as
/// <c>members[value eq "u1" and type eq "User"]</c> therefore applies all its criteria to one row. The store runs
/// it first (a distinct over an index: <c>(t, g, m)</c> for members, <c>(t, m)</c> for groups; an aggregation that
/// joins each row to its resource when the condition reads a display or a type) and the resource
/// query then tests <c>id</c> against the ids found. A two-step query rather than <c>$lookup</c>: the lookup would
/// join every group of the tenant before filtering, while the membership query touches only matching rows.
/// </summary>
internal sealed record MongoMembershipQuery(BsonDocument Filter, string ResourceIdField)
{
    private const string Keys = "_keys";
    private const string Joined = "_r";
    private const string DerivedDisplay = "_display";
    private const string DerivedType = "_type";

    /// <summary>
    /// Set when the condition reads what a membership shows but does not store (a member's display and type as the
    /// member resource has them now, a group's displayName): an aggregation over the rows that joins each row to its
    /// resource by <c>_id</c> and groups the matching rows by resource id. Null for conditions on stored fields.
    /// </summary>
    public IReadOnlyList<BsonDocument>? Pipeline { get; init; }

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

    /// <summary>The membership query for one positive condition; its rows' <see cref="ResourceIdField"/> are the matching resources.</summary>
    /// <param name="resourceTypeNames">The types a member may be (to look members up by <c>_id</c>).</param>
    /// <param name="groupTypeNames">The types that hold members (to look groups up by <c>_id</c>).</param>
    public static MongoMembershipQuery For(
        Filter positive, ResourceTypeDefinition type, string tenant, IReadOnlyList<string> resourceTypeNames, IReadOnlyList<string> groupTypeNames)
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
            derived |= target.QueryField is DerivedDisplay or DerivedType;
            return target;
        }
        var scope = new BsonDocument(MongoFields.MembershipTenant, tenant);
        var condition = element?.Accept(new MongoElementQueryTranslator(TargetOf)) ?? MongoConditions.Always;

        // One flat document when the condition is on other fields ({ t, m: … }), else an $and.
        var filter = condition.Names.Any(name => name is MongoFields.MembershipTenant or "$and")
            ? MongoConditions.And([scope, condition])
            : scope.AddRange(condition);
        var idField = location.IsGroupSide ? MongoFields.MembershipGroup : MongoFields.MembershipMember;
        if (!derived)
        {
            return new MongoMembershipQuery(filter, idField);
        }

        // The other end of each row: the member (any type) for Group.members, the group for User.groups.
        var otherEnd = location.IsGroupSide ? MongoFields.MembershipMember : MongoFields.MembershipGroup;
        var candidates = location.IsGroupSide ? resourceTypeNames : groupTypeNames;
        var keys = new BsonArray(candidates.Select(name => new BsonDocument
        {
            { "t", "$" + MongoFields.MembershipTenant },
            { "rt", new BsonDocument("$literal", name) },
            { "id", "$" + otherEnd },
        }));
        var derivedFields = location.IsGroupSide
            ? new BsonDocument
            {
                { DerivedDisplay, new BsonDocument("$ifNull", new BsonArray { "$" + MongoFields.MembershipDisplay, First(MongoFields.Display) }) },
                { DerivedType, new BsonDocument("$ifNull", new BsonArray { First("_id.rt"), "$" + MongoFields.MembershipType }) },
            }
            : new BsonDocument(DerivedDisplay, First(MongoFields.Display));
        return new MongoMembershipQuery(filter, idField)
        {
            Pipeline =
            [
                new("$match", scope.DeepClone()),
                new("$addFields", new BsonDocument(Keys, keys)),
                new("$lookup", new BsonDocument
                {
                    { "from", MongoFields.ResourcesCollection },
                    { "localField", Keys },
                    { "foreignField", MongoFields.Id },
                    { "pipeline", new BsonArray { new BsonDocument("$project", new BsonDocument(MongoFields.Display, 1)) } },
                    { "as", Joined },
                }),
                new("$addFields", derivedFields),
                new("$match", filter),
                new("$group", new BsonDocument(MongoFields.Id, "$" + idField)),
            ],
        };
    }

    private static BsonDocument First(string field) => new("$first", $"${Joined}.{field}");

    private static MongoElementTarget Target(AttributeDefinition attribute, bool groupSide, string name, AttributePath path)
    {
        var sub = attribute.FindSubAttribute(name)
            ?? throw ScimException.InvalidFilter($"'{path.Name}' has no sub-attribute '{name}'.");
        var caseExact = sub.CaseExact;
        return (groupSide, sub.Name) switch
        {
            (true, "value") => new(MongoFields.MembershipMember, "$" + MongoFields.MembershipMember, sub.Type, caseExact),
            (true, "type") => new(DerivedType, "$" + DerivedType, sub.Type, caseExact),
            (true, "display") => new(DerivedDisplay, "$" + DerivedDisplay, sub.Type, caseExact),
            (false, "value") => new(MongoFields.MembershipGroup, "$" + MongoFields.MembershipGroup, sub.Type, caseExact),

            // Memberships are direct only (RFC 7643 §4.1.2 "direct" or "indirect").
            (false, "type") => new(MongoFields.MembershipType, null, sub.Type, caseExact, Constant: "direct"),
            (false, "display") => new(DerivedDisplay, "$" + DerivedDisplay, sub.Type, caseExact),

            // $ref is made from the base URL when the resource is returned; the store never has it.
            _ => new(MongoFields.Id, null, sub.Type, caseExact) { NeverStored = true },
        };
    }
}
