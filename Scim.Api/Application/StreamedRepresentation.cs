using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Application;

/// <summary>
/// The default representation of a resource whose stored text was never parsed into a tree: written straight from
/// that text when the response is written (<see cref="StreamedDefaultProjection"/>), and built as a tree only when
/// something asks for one, or when the text's names need the tree path. Both give the same JSON.
/// </summary>
internal sealed class StreamedRepresentation(ResourceTypeDefinition type, StoredResource stored, string location, ReferenceUrls references)
{
    // The options only carry this one converter; they resolve no other type.
    private static readonly JsonTypeInfo<StreamedRepresentation> TypeInfo = JsonMetadataServices.CreateValueInfo<StreamedRepresentation>(
        new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine() }, new Converter());

    private JsonObject? _tree;

    /// <summary>A node that writes this representation, to put in a response body or a list.</summary>
    public JsonNode AsJsonNode() => JsonValue.Create(this, TypeInfo)!;

    public JsonObject ToTree() => _tree ??= ResourceProjector.ProjectOwned(
        ResourceRepresentation.Compose(type, stored, location, references), type, AttributeSelection.Default);

    public void WriteTo(Utf8JsonWriter writer)
    {
        // Building the tree parses the stored text, so a resource still unparsed has no tree yet.
        if (stored.IsUnparsed && TryWriteFromText(writer))
        {
            return;
        }

        ToTree().WriteTo(writer);
    }

    private bool TryWriteFromText(Utf8JsonWriter writer)
    {
        using var document = JsonDocument.Parse(stored.Utf8Document);
        var serverAttributes = ResourceRepresentation.ServerAttributes(type, stored, location, references);
        try
        {
            return StreamedDefaultProjection.TryWrite(writer, document.RootElement, type, stored.Id, serverAttributes, references);
        }
        finally
        {
            // The membership arrays stay the stored resource's, for a tree built later.
            serverAttributes.Clear();
        }
    }

    private sealed class Converter : JsonConverter<StreamedRepresentation>
    {
        public override StreamedRepresentation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A streamed representation is written, never read.");

        public override void Write(Utf8JsonWriter writer, StreamedRepresentation value, JsonSerializerOptions options) =>
            value.WriteTo(writer);
    }
}
