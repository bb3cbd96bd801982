using System.Text.Json.Nodes;
using MongoDB.Driver;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Maps MongoDB's duplicate-key error (code 11000) to the SCIM 409 <c>uniqueness</c> error (RFC 7644 §3.12), naming
/// the attribute whose unique index refused the write. The server names the index in its message; index names are
/// ours (<see cref="MongoIndexes"/>), so the attribute follows from the name.
/// </summary>
internal sealed class MongoDuplicateKeys
{
    private const int DuplicateKeyCode = 11000;
    private readonly List<MongoUniqueAttribute> _indexes;

    public MongoDuplicateKeys(IEnumerable<ResourceTypeDefinition> types)
    {
        _indexes = [.. types.SelectMany(MongoUniqueAttribute.Of)
            .DistinctBy(unique => unique.IndexName)
            .OrderByDescending(unique => unique.IndexName.Length)];
    }

    public static bool IsDuplicateKey(Exception exception) => exception switch
    {
        MongoWriteException write => write.WriteError?.Category == ServerErrorCategory.DuplicateKey,
        MongoBulkWriteException bulk => bulk.WriteErrors.Any(error => error.Category == ServerErrorCategory.DuplicateKey),
        MongoCommandException command => command.Code == DuplicateKeyCode,
        _ => false,
    };

    /// <summary>The 409 for a refused write of <paramref name="document"/> (null when the document was not changed).</summary>
    public ScimException ToScimException(Exception exception, ResourceKey key, JsonObject? document)
    {
        var message = exception switch
        {
            MongoWriteException write => write.WriteError?.Message ?? write.Message,
            MongoBulkWriteException bulk => string.Join(" ", bulk.WriteErrors.Select(error => error.Message)),
            _ => exception.Message,
        };
        foreach (var unique in _indexes)
        {
            if (message.Contains($"index: {unique.IndexName} ", StringComparison.Ordinal))
            {
                var value = document is null ? null : ValueText(unique.ShadowSource(document));
                return ScimException.Uniqueness($"A {key.Type.Name} with {unique.CanonicalText} '{value}' already exists.");
            }
        }

        return ScimException.Uniqueness($"A {key.Type.Name} with id '{key.Id}' already exists.");
    }

    private static string? ValueText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();
}
