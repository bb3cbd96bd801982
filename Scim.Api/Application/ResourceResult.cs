using System.Text.Json.Nodes;

namespace Scim.Api.Application;

/// <summary>
/// A resource as the API returns it: the projected representation, its version and absolute location. A default
/// representation of a stored text is written from that text (<see cref="Body"/>); <see cref="Representation"/>
/// builds its tree on first use.
/// </summary>
public sealed class ResourceResult
{
    private readonly StreamedRepresentation? _streamed;
    private JsonObject? _representation;

    public ResourceResult(JsonObject representation, long version, string location)
    {
        _representation = representation;
        Version = version;
        Location = location;
    }

    internal ResourceResult(StreamedRepresentation streamed, long version, string location)
    {
        _streamed = streamed;
        Version = version;
        Location = location;
    }

    public JsonObject Representation => _representation ??= _streamed!.ToTree();

    /// <summary>What a response writes: the tree when one was built, else a node that writes the stored text.</summary>
    public JsonNode Body => (JsonNode?)_representation ?? _streamed!.AsJsonNode();

    public long Version { get; }

    public string Location { get; }
}
