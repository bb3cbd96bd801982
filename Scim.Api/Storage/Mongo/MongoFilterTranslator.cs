using MongoDB.Bson;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Translates a resolved SCIM filter (<see cref="FilterResolver.Resolve"/>) for one resource type into a query on the
/// resources collection (RFC 7644 §3.4.2.2).
/// <list type="bullet">
/// <item>caseExact=false text: the folded shadow field of unique attributes (userName, Group displayName), else an
/// escaped, anchored regex with the <c>i</c> option; ordering (gt/ge/lt/le) without a shadow is an <c>$expr</c>
/// on lower-cased values.</item>
/// <item>meta.created/lastModified compare as instants on BSON date shadows; other dateTimes are parsed in an <c>$expr</c>;
/// numbers and booleans compare by type.</item>
/// <item>Multi-valued attributes match when any value matches (MongoDB's array semantics, <c>$elemMatch</c> for value
/// filters); <c>ne</c> is <c>$nor</c> of <c>eq</c> and so matches absent attributes; <c>pr</c> excludes null, "", [] and {}.</item>
/// <item>Group.members and User.groups live in the membership collection: the store first runs each such part of
/// the filter there (<see cref="MongoMembershipQuery"/>), and passes the matching resource ids in
/// <paramref name="membershipMatches"/>, keyed by <see cref="MongoMembershipQuery.PositiveForm"/>.</item>
/// </list>
/// </summary>
internal sealed class MongoFilterTranslator(
    ResourceTypeDefinition type,
    IReadOnlyDictionary<Filter, IReadOnlyCollection<string>>? membershipMatches = null) : IFilterVisitor<BsonDocument>
{
    public static BsonDocument Translate(Filter resolved, ResourceTypeDefinition type, IReadOnlyDictionary<Filter, IReadOnlyCollection<string>>? membershipMatches = null) =>
        resolved.Accept(new MongoFilterTranslator(type, membershipMatches));

    public BsonDocument VisitAnd(AndFilter filter) => MongoConditions.And([filter.Left.Accept(this), filter.Right.Accept(this)]);

    public BsonDocument VisitOr(OrFilter filter) => MongoConditions.Or([filter.Left.Accept(this), filter.Right.Accept(this)]);

    public BsonDocument VisitNot(NotFilter filter) => MongoConditions.Not(filter.Inner.Accept(this));

    public BsonDocument VisitPresent(PresentFilter filter)
    {
        var location = MongoAttributeLocation.Resolve(type, filter.Path);
        return location.Kind switch
        {
            MongoAttributeKind.Membership => Membership(filter),
            MongoAttributeKind.Document => PresentInDocument(location),
            MongoAttributeKind.Shadow when location.Field == MongoFields.ExternalId => MongoConditions.Present(location.Field),
            MongoAttributeKind.Absent => MongoConditions.Never(MongoFields.Id),

            // id, meta.resourceType, meta.created, meta.lastModified and meta.version always have a value.
            _ => MongoConditions.Always,
        };
    }

    public BsonDocument VisitComparison(ComparisonFilter filter)
    {
        var location = MongoAttributeLocation.Resolve(type, filter.Path);
        if (location.Kind == MongoAttributeKind.Membership)
        {
            return Membership(filter);
        }

        // RFC 7644 §3.4.2.2: "eq null" asks for an absent attribute, "ne null" for a present one.
        if (filter.Value is NullValue)
        {
            var present = VisitPresent(new PresentFilter(filter.Path));
            return filter.Operator == ComparisonOperator.NotEqual ? present : MongoConditions.Not(present);
        }

        if (filter.Operator == ComparisonOperator.NotEqual)
        {
            return MongoConditions.Not(VisitComparison(filter with { Operator = ComparisonOperator.Equal }));
        }

        return location.Kind switch
        {
            MongoAttributeKind.Date => MongoConditions.CompareDate(location.Field, filter.Operator, filter.Value),
            MongoAttributeKind.Version => MongoConditions.CompareVersion(location.Field, filter.Operator, filter.Value),
            MongoAttributeKind.Absent => MongoConditions.Never(MongoFields.Id),
            _ when location.Resolved.Definition is null && !location.HasSubAttribute => CompareUndeclared(location.Field, filter.Operator, filter.Value),
            _ when location.FoldedField is { } folded => MongoConditions.CompareText(
                folded, caseExact: true, filter.Operator, MongoCaseFolding.Fold(MongoConditions.TextOf(filter.Value))),
            _ when MongoConditions.NeedsExpression(location.Type, location.CaseExact, filter.Operator, filter.Value) => new BsonDocument(
                "$expr",
                MongoExpressions.AnyValue("$" + location.Field, value => MongoExpressions.Compare(value, location.Type, location.CaseExact, filter.Operator, filter.Value))),
            _ => MongoConditions.Compare(location.Field, location.Type, location.CaseExact, filter.Operator, filter.Value),
        };
    }

    public BsonDocument VisitValuePath(ValuePathFilter filter)
    {
        var location = MongoAttributeLocation.Resolve(type, filter.Path);
        if (location.Kind == MongoAttributeKind.Membership)
        {
            return Membership(filter);
        }

        var definition = location.Resolved.Target;
        var parent = new AttributePath(location.Resolved.ExtensionUrn, location.Resolved.Name!, null);

        // A single-valued complex attribute (name, meta, manager): its sub-attributes are ordinary paths.
        if (definition is { MultiValued: false } || location.Kind != MongoAttributeKind.Document)
        {
            return filter.Inner.Accept(new ParentPathRewriter(parent)).Accept(this);
        }

        MongoElementTarget ElementTarget(AttributePath path) => MongoElementTarget.ForSubAttribute(definition, path.Name, "", "$$e.");
        if (MongoElementFilters.NeedExpression(filter.Inner, ElementTarget))
        {
            return new BsonDocument("$expr", new BsonDocument("$anyElementTrue", new BsonArray
            {
                new BsonDocument("$map", new BsonDocument
                {
                    { "input", MongoExpressions.AsArray("$" + location.Field) },
                    { "as", "e" },
                    { "in", filter.Inner.Accept(new MongoElementExpressionTranslator(ElementTarget)) },
                }),
            }));
        }

        var elementMatch = new BsonDocument(location.Field, new BsonDocument("$elemMatch", filter.Inner.Accept(new MongoElementQueryTranslator(ElementTarget))));

        // An undeclared attribute may hold one object instead of an array.
        return definition is null
            ? MongoConditions.Or([elementMatch, filter.Inner.Accept(new ParentPathRewriter(parent)).Accept(this)])
            : elementMatch;
    }

    // An undeclared attribute has no type: as the evaluator does, compare it as text, a number or boolean by its
    // text, and an object by its "value".
    private static BsonDocument CompareUndeclared(string field, ComparisonOperator op, FilterValue value)
    {
        var text = MongoConditions.TextOf(value);
        var conditions = new List<BsonDocument>();
        foreach (var target in new[] { field, field + ".value" })
        {
            conditions.Add(MongoConditions.NeedsExpression(AttributeType.String, false, op, value)
                ? new BsonDocument("$expr", MongoExpressions.AnyValue("$" + target, item => MongoExpressions.Compare(item, AttributeType.String, false, op, value)))
                : MongoConditions.CompareText(target, caseExact: false, op, text));
            if (op == ComparisonOperator.Equal && MongoConditions.AsJsonScalar(text) is { } scalar)
            {
                conditions.Add(new BsonDocument(target, scalar));
            }
        }

        return MongoConditions.Or(conditions);
    }

    private static BsonDocument PresentInDocument(MongoAttributeLocation location)
    {
        if (!location.HasSubAttribute || !location.MultiValued)
        {
            return MongoConditions.Present(location.Field);
        }

        // One value must have the sub-attribute present; without $elemMatch, $nin would demand it of every value.
        var sub = MongoFieldNames.Encode(location.Resolved.SubAttributeName!);
        var elementMatch = new BsonDocument(location.AttributeField, new BsonDocument("$elemMatch", MongoConditions.Present(sub)));
        return location.Resolved.Definition is null
            ? MongoConditions.Or([elementMatch, MongoConditions.Present(location.Field)])
            : elementMatch;
    }

    private BsonDocument Membership(Filter filter)
    {
        var (positive, negated) = MongoMembershipQuery.PositiveForm(filter);
        if (membershipMatches is null || !membershipMatches.TryGetValue(positive, out var ids))
        {
            throw new InvalidOperationException($"The membership part '{FilterPrinter.Print(positive)}' was not run before translating the filter.");
        }

        var list = new BsonArray(ids.Order(StringComparer.Ordinal));
        return new BsonDocument(MongoFields.ResourceId, new BsonDocument(negated ? "$nin" : "$in", list));
    }

    // Turns the inner paths of "name[givenName eq …]" into "name.givenName", for single-valued complex attributes.
    private sealed class ParentPathRewriter(AttributePath parent) : IFilterVisitor<Filter>
    {
        public Filter VisitAnd(AndFilter filter) => new AndFilter(filter.Left.Accept(this), filter.Right.Accept(this));

        public Filter VisitOr(OrFilter filter) => new OrFilter(filter.Left.Accept(this), filter.Right.Accept(this));

        public Filter VisitNot(NotFilter filter) => new NotFilter(filter.Inner.Accept(this));

        public Filter VisitComparison(ComparisonFilter filter) => filter with { Path = Rewrite(filter.Path) };

        public Filter VisitPresent(PresentFilter filter) => new PresentFilter(Rewrite(filter.Path));

        public Filter VisitValuePath(ValuePathFilter filter) => throw MongoElementFilters.NestedValueFilter(filter);

        private AttributePath Rewrite(AttributePath path) => parent with { SubAttribute = path.Name };
    }
}
