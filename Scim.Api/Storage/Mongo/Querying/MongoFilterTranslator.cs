using MongoDB.Bson;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Translates a resolved SCIM filter (<see cref="FilterResolver.Resolve"/>) for one resource type into a query on the
/// resources collection (RFC 7644 §3.4.2.2).
/// <list type="bullet">
/// <item>Attributes are compared in the folded copy <c>fold</c> (<see cref="MongoFoldedDocument"/>): caseExact=false
/// text holds folded text there and is compared exactly with the folded operand (<c>eq</c> an equality,
/// <c>co</c>/<c>sw</c>/<c>ew</c> escaped, anchored regexes without <c>i</c>, ordering MongoDB's binary order); the
/// unique attributes (userName, Group displayName) compare on their indexed shadow.</item>
/// <item>meta.created/lastModified compare as 100 ns ticks; other dateTimes are parsed in an <c>$expr</c>;
/// numbers and booleans compare by type.</item>
/// <item>Multi-valued attributes match when any value matches (MongoDB's array semantics, <c>$elemMatch</c> for value
/// filters); <c>ne</c> is <c>$nor</c> of <c>eq</c> and so matches absent attributes; <c>pr</c> is an equality on the
/// <c>present</c> list (<see cref="MongoPresence"/>).</item>
/// <item>Group.members and User.groups live in the membership collection: each such part of the filter is a
/// <c>$lookup</c> (<see cref="MongoMembershipLookup"/>) named in <paramref name="membershipLookups"/>, keyed by
/// <see cref="MongoMembershipLookup.PositiveForm"/>, and the query tests whether it found a row.</item>
/// </list>
/// </summary>
internal sealed class MongoFilterTranslator(
    ResourceTypeDefinition type,
    IReadOnlyDictionary<Filter, string>? membershipLookups = null) : IFilterVisitor<BsonDocument>
{
    public static BsonDocument Translate(Filter resolved, ResourceTypeDefinition type, IReadOnlyDictionary<Filter, string>? membershipLookups = null) =>
        resolved.Accept(new MongoFilterTranslator(type, membershipLookups));

    public BsonDocument VisitAnd(AndFilter filter) => MongoConditions.And([filter.Left.Accept(this), filter.Right.Accept(this)]);

    public BsonDocument VisitOr(OrFilter filter) => MongoConditions.Or([filter.Left.Accept(this), filter.Right.Accept(this)]);

    public BsonDocument VisitNot(NotFilter filter) => MongoConditions.Not(filter.Inner.Accept(this));

    public BsonDocument VisitPresent(PresentFilter filter)
    {
        var location = MongoAttributeLocation.Resolve(type, filter.Path);
        return location.Kind switch
        {
            MongoAttributeKind.Membership => Membership(filter),
            MongoAttributeKind.Document => MongoConditions.PresentAttribute(location.Resolved),
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
            _ when location.UniqueField is { } unique => MongoConditions.Compare(unique, location.Type, location.UniqueFolded, filter.Operator, filter.Value),
            _ when MongoConditions.NeedsExpression(location.Type, filter.Operator, filter.Value) => new BsonDocument(
                "$expr",
                MongoExpressions.AnyValue("$" + location.Field, value => MongoExpressions.Compare(value, location.Type, location.Folded, filter.Operator, filter.Value))),
            _ => MongoConditions.Compare(location.Field, location.Type, location.Folded, filter.Operator, filter.Value),
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

    // An undeclared attribute has no type: as the evaluator does, compare it as text (folded), a number or boolean by
    // its text, and an object by its "value".
    private static BsonDocument CompareUndeclared(string field, ComparisonOperator op, FilterValue value)
    {
        var text = MongoConditions.TextOf(value);
        var conditions = new List<BsonDocument>();
        foreach (var target in new[] { field, $"{field}.{MongoFoldedDocument.FieldName("value", declared: false)}" })
        {
            conditions.Add(MongoConditions.CompareText(target, folded: true, op, text));
            if (op == ComparisonOperator.Equal && MongoConditions.AsJsonScalar(text) is { } scalar)
            {
                conditions.Add(new BsonDocument(target, scalar));
            }
        }

        return MongoConditions.Or(conditions);
    }

    private BsonDocument Membership(Filter filter)
    {
        var (positive, negated) = MongoMembershipLookup.PositiveForm(filter);
        if (membershipLookups is null || !membershipLookups.TryGetValue(positive, out var name))
        {
            throw new InvalidOperationException($"The membership part '{FilterPrinter.Print(positive)}' has no lookup in the query.");
        }

        return MongoMembershipLookup.Matched(name, negated);
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
