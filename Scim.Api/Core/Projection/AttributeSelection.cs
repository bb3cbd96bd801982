using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Projection;

/// <summary>
/// The <c>attributes</c> or <c>excludedAttributes</c> of a request (RFC 7644 §3.9), resolved against a resource type.
/// Names are resolved ignoring case and may be URN-qualified, name a sub-attribute (<c>name.givenName</c>) or carry a
/// value filter (<c>emails[type eq "work"]</c>: only matching values are returned). Names the schema does not know are
/// ignored; text that is not an attribute path is an invalidPath error. The two parameters are mutually exclusive in
/// the RFC; when a client sends both, <c>attributes</c> wins and <c>excludedAttributes</c> is ignored.
/// </summary>
public sealed record AttributeSelection
{
    public static readonly AttributeSelection Default = new(SelectionMode.Default, [], null);

    private AttributeSelection(SelectionMode mode, IReadOnlyList<SelectedPath> paths, ResourceTypeDefinition? type)
    {
        Mode = mode;
        Paths = paths;
        Type = type;
    }

    internal SelectionMode Mode { get; }

    internal IReadOnlyList<SelectedPath> Paths { get; }

    internal ResourceTypeDefinition? Type { get; }

    public static AttributeSelection Parse(string? attributes, string? excludedAttributes, ResourceTypeDefinition type) =>
        Parse(
            attributes is null ? null : [attributes],
            excludedAttributes is null ? null : [excludedAttributes],
            type);

    /// <summary>The list form of SearchRequest bodies (RFC 7644 §3.4.3); each entry may itself be comma-separated.</summary>
    public static AttributeSelection Parse(
        IEnumerable<string>? attributes, IEnumerable<string>? excludedAttributes, ResourceTypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var included = SplitEntries(attributes);
        if (included.Count > 0)
        {
            return new(SelectionMode.Include, Resolve(included, type, "attributes"), type);
        }

        var excluded = SplitEntries(excludedAttributes);
        return excluded.Count > 0
            ? new(SelectionMode.Exclude, Resolve(excluded, type, "excludedAttributes"), type)
            : new(SelectionMode.Default, [], type);
    }

    /// <summary>
    /// Whether a top-level attribute (<c>members</c>, <c>groups</c>) or an extension URN can appear in the output,
    /// so that stores can skip loading what will be dropped. It may answer true for something projection later
    /// drops (<see cref="Default"/> knows no resource type), never false for something it keeps.
    /// </summary>
    public bool Includes(string attributeName)
    {
        ArgumentNullException.ThrowIfNull(attributeName);
        var definition = Type is null
            ? null
            : Type.Schema.FindAttribute(attributeName) ?? CommonAttributes.Schema.FindAttribute(attributeName);
        var returned = definition?.Returned ?? Returned.Default;
        var isExtension = Type?.IsExtensionUrn(attributeName) ?? false;
        var matching = Paths.Where(p => isExtension
            ? string.Equals(p.Attribute.ExtensionUrn, attributeName, StringComparison.OrdinalIgnoreCase)
            : p.Attribute.ExtensionUrn is null && string.Equals(p.Attribute.Name, attributeName, StringComparison.OrdinalIgnoreCase));
        return returned switch
        {
            Returned.Never => false,
            Returned.Always => true,
            _ => Mode switch
            {
                SelectionMode.Include => matching.Any(),
                SelectionMode.Exclude => returned != Returned.Request && !matching.Any(p => RemovesAll(p, isExtension)),
                _ => returned != Returned.Request,
            },
        };
    }

    // Excluding "employeeNumber" removes one attribute of the enterprise extension, not the extension.
    private static bool RemovesAll(SelectedPath path, bool ofExtension) =>
        path.IsWhole && (!ofExtension || path.Attribute.IsExtensionRoot);

    private static List<string> SplitEntries(IEnumerable<string>? values)
    {
        var entries = new List<string>();
        foreach (var value in values ?? [])
        {
            if (value is not null)
            {
                entries.AddRange(SelectionListSplitter.Split(value));
            }
        }

        return entries;
    }

    private static List<SelectedPath> Resolve(List<string> entries, ResourceTypeDefinition type, string parameter)
    {
        var paths = new List<SelectedPath>();
        foreach (var entry in entries)
        {
            try
            {
                var path = ScimPathParser.Parse(entry);

                // Tolerance: names the schema does not know are ignored, as RFC 7644 §3.9 leaves them unspecified.
                if (type.Resolve(path.Attribute) is { } resolved)
                {
                    var selected = new SelectedPath(resolved, path.ValueFilter);
                    CheckValueFilter(selected, type);
                    paths.Add(selected);
                }
            }
            catch (ScimException error)
            {
                throw ScimException.InvalidPath($"Invalid entry '{entry}' in {parameter}: {error.Detail}");
            }
        }

        return paths;
    }

    // Evaluating once against no value resolves the filter, so that a filter naming unknown sub-attributes or
    // comparing values of the wrong type fails here, as a client error, and never while projecting.
    private static void CheckValueFilter(SelectedPath selected, ResourceTypeDefinition type)
    {
        if (selected.ValueFilter is { } filter)
        {
            FilterEvaluator.MatchesElement(filter, null, selected.FilteredAttribute, type);
        }
    }
}

internal enum SelectionMode
{
    Default,
    Include,
    Exclude,
}

/// <summary>One resolved entry of a selection: an attribute, sub-attribute or extension, possibly value-filtered.</summary>
internal sealed record SelectedPath(ResolvedAttribute Attribute, Filter? ValueFilter)
{
    /// <summary>Selects the whole attribute (or the whole extension), not part of its values.</summary>
    public bool IsWhole => ValueFilter is null && Attribute.SubAttributeName is null;

    /// <summary>The attribute the value filter applies to: <c>emails</c> for <c>emails[type eq "work"].value</c>.</summary>
    public ResolvedAttribute FilteredAttribute => Attribute with { SubAttributeName = null, SubDefinition = null };
}
