using System.Text.Json.Nodes;
using Scim.Api.Core.Json;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Filters;

/// <summary>
/// Evaluates a resolved filter against a resource document or, inside a value filter, against one value of a
/// complex attribute. Paths that designate nothing evaluate as absent.
/// </summary>
internal sealed class EvaluatingVisitor : IFilterVisitor<bool>
{
    private readonly ResourceTypeDefinition _type;
    private readonly JsonObject? _resource;
    private readonly JsonNode? _element;
    private readonly AttributeDefinition? _elementAttribute;
    private readonly bool _isElementScope;

    private EvaluatingVisitor(ResourceTypeDefinition type, JsonObject? resource, JsonNode? element, AttributeDefinition? elementAttribute, bool isElementScope)
    {
        _type = type;
        _resource = resource;
        _element = element;
        _elementAttribute = elementAttribute;
        _isElementScope = isElementScope;
    }

    public static EvaluatingVisitor ForResource(JsonObject resource, ResourceTypeDefinition type) => new(type, resource, null, null, false);

    public static EvaluatingVisitor ForElement(JsonNode? element, AttributeDefinition? attribute, ResourceTypeDefinition type) => new(type, null, element, attribute, true);

    public bool VisitAnd(AndFilter filter) => filter.Left.Accept(this) && filter.Right.Accept(this);

    public bool VisitOr(OrFilter filter) => filter.Left.Accept(this) || filter.Right.Accept(this);

    public bool VisitNot(NotFilter filter) => !filter.Inner.Accept(this);

    public bool VisitPresent(PresentFilter filter) => Locate(filter.Path).Values.Any(JsonNodes.IsPresent);

    public bool VisitComparison(ComparisonFilter filter)
    {
        var (values, target) = Locate(filter.Path);
        return ValueComparison.Matches(values, target, filter.Operator, filter.Value);
    }

    // RFC 7644 §3.4.2.2: a value filter matches when one value of the attribute matches all of its criteria.
    public bool VisitValuePath(ValuePathFilter filter)
    {
        if (_isElementScope)
        {
            return false;
        }

        var (values, target) = Locate(filter.Path);
        return values.Any(value => filter.Inner.Accept(ForElement(value, target, _type)));
    }

    private (List<JsonNode> Values, AttributeDefinition? Target) Locate(AttributePath path)
    {
        var values = new List<JsonNode>();
        if (_isElementScope)
        {
            var definition = _elementAttribute?.FindSubAttribute(path.Name);
            var node = JsonNodes.Find(_element, path.Name);
            if (path.SubAttribute is null)
            {
                JsonNodes.AddValues(node, values);
                return (values, definition);
            }

            AddSubAttributeValues(node, path.SubAttribute, values);
            return (values, definition?.FindSubAttribute(path.SubAttribute));
        }

        var resolved = FilterTargets.ResolveTop(_type, path);
        if (resolved is null || resolved.IsExtensionRoot)
        {
            return (values, null);
        }

        var container = resolved.ExtensionUrn is null ? _resource : JsonNodes.Find(_resource, resolved.ExtensionUrn);
        var attribute = JsonNodes.Find(container, resolved.Name!);
        if (resolved.SubAttributeName is null)
        {
            JsonNodes.AddValues(attribute, values);
        }
        else
        {
            AddSubAttributeValues(attribute, resolved.SubAttributeName, values);
        }

        return (values, resolved.Target);
    }

    private static void AddSubAttributeValues(JsonNode? attribute, string subAttribute, List<JsonNode> values)
    {
        var parents = new List<JsonNode>();
        JsonNodes.AddValues(attribute, parents);
        foreach (var parent in parents)
        {
            JsonNodes.AddValues(JsonNodes.Find(parent, subAttribute), values);
        }
    }
}
