using System.Text.Json.Nodes;

namespace Scim.Api.Core.Storage;

/// <summary>
/// A resource as stored: the document, plus <c>members</c> or <c>groups</c> arrays when they were asked for.
/// <para>
/// A store that keeps JSON text can hand over its UTF-8 unparsed: the tree is built only when something reads
/// <see cref="Document"/>, so a response written straight from the text (the default representation) never builds
/// one. Membership arrays attached before that are kept beside the text and appended to the tree when it is built.
/// </para>
/// </summary>
public sealed class StoredResource
{
    private JsonObject? _document;
    private List<KeyValuePair<string, JsonArray>>? _relations;
    private DateTimeOffset? _created;
    private DateTimeOffset? _lastModified;
    private string? _createdText;
    private string? _lastModifiedText;

    public StoredResource(string id, long version, DateTimeOffset created, DateTimeOffset lastModified, JsonObject document)
    {
        Id = id;
        Version = version;
        _created = created;
        _lastModified = lastModified;
        _document = document;
    }

    /// <summary>
    /// A resource as a store keeps it in text: its instants in <see cref="RoundTripTime"/> form, parsed only when
    /// read as instants (a representation's <c>meta</c> carries the text as it is), and its document unparsed.
    /// </summary>
    public StoredResource(string id, long version, string createdText, string lastModifiedText, ReadOnlyMemory<byte> utf8Document)
    {
        Id = id;
        Version = version;
        _createdText = createdText;
        _lastModifiedText = lastModifiedText;
        Utf8Document = utf8Document;
    }

    public string Id { get; }

    public long Version { get; }

    public DateTimeOffset Created => _created ??= RoundTripTime.Parse(_createdText!);

    public DateTimeOffset LastModified => _lastModified ??= RoundTripTime.Parse(_lastModifiedText!);

    /// <summary><see cref="Created"/> in <see cref="RoundTripTime"/> form.</summary>
    public string CreatedText => _createdText ??= RoundTripTime.Format(_created!.Value);

    /// <summary><see cref="LastModified"/> in <see cref="RoundTripTime"/> form.</summary>
    public string LastModifiedText => _lastModifiedText ??= RoundTripTime.Format(_lastModified!.Value);

    /// <summary>The stored JSON text as the store read it; empty when the store gave a tree.</summary>
    public ReadOnlyMemory<byte> Utf8Document { get; }

    /// <summary>True while the document is still the stored text: no tree was built and none was changed.</summary>
    public bool IsUnparsed => _document is null;

    /// <summary>The membership arrays attached to a document not parsed yet, in the order they were attached.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonArray>> PendingRelations => (IReadOnlyList<KeyValuePair<string, JsonArray>>?)_relations ?? [];

    public JsonObject Document => _document ??= Materialize();

    /// <summary>Whether a membership array of that name is attached (or, once parsed, the document has the attribute).</summary>
    public bool HasRelation(string attribute) =>
        _document is not null
            ? _document.ContainsKey(attribute)
            : _relations?.Exists(r => string.Equals(r.Key, attribute, StringComparison.Ordinal)) == true;

    /// <summary>Sets a membership array (<c>members</c>, <c>groups</c>), replacing one of the same name.</summary>
    public void SetRelation(string attribute, JsonArray values)
    {
        if (_document is not null)
        {
            _document[attribute] = values;
            return;
        }

        _relations ??= [];
        var index = _relations.FindIndex(r => string.Equals(r.Key, attribute, StringComparison.Ordinal));
        if (index >= 0)
        {
            _relations[index] = new(attribute, values);
        }
        else
        {
            _relations.Add(new(attribute, values));
        }
    }

    /// <summary>Appends one value to a membership array, creating the array when it is the first.</summary>
    public void AddRelationValue(string attribute, JsonObject value)
    {
        if (_document is not null)
        {
            if (_document[attribute] is not JsonArray existing)
            {
                existing = [];
                _document[attribute] = existing;
            }

            existing.Add(value);
            return;
        }

        var found = _relations?.Find(r => string.Equals(r.Key, attribute, StringComparison.Ordinal)).Value;
        if (found is null)
        {
            found = [];
            SetRelation(attribute, found);
        }

        found.Add(value);
    }

    private JsonObject Materialize()
    {
        var document = JsonNode.Parse(Utf8Document.Span) as JsonObject
            ?? throw new InvalidDataException("A stored document is not a JSON object.");
        if (_relations is not null)
        {
            foreach (var (attribute, values) in _relations)
            {
                document[attribute] = values;
            }

            _relations = null;
        }

        return document;
    }
}
