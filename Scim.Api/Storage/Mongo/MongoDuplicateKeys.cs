using System.Text.Json.Nodes;
using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Maps MongoDB's duplicate-key error (code 11000) to the SCIM 409 <c>uniqueness</c> error (RFC 7644 §3.12), naming
/// the attribute that collided. The error's key pattern says which index refused the write where the driver passes
/// it on (a command error's reply, a write error's details); the message text is never parsed. Where the pattern is
/// not given (the driver keeps only <c>errInfo</c> of a write error), the colliding attribute is found by asking
/// each unique index for another resource holding the written value.
/// </summary>
internal sealed class MongoDuplicateKeys(MongoCollections collections)
{
    private const int DuplicateKeyCode = 11000;

    public static bool IsDuplicateKey(Exception exception) => exception switch
    {
        MongoWriteException write => write.WriteError?.Category == ServerErrorCategory.DuplicateKey,
        MongoBulkWriteException bulk => bulk.WriteErrors.Any(error => error.Category == ServerErrorCategory.DuplicateKey),
        MongoCommandException command => command.Code == DuplicateKeyCode,
        _ => false,
    };

    /// <summary>The key pattern the server reported for the refused write, when the driver passed it on.</summary>
    public static BsonDocument? KeyPattern(Exception exception)
    {
        var reply = exception switch
        {
            MongoCommandException command => command.Result,
            MongoWriteException write => write.WriteError?.Details,
            MongoBulkWriteException bulk => bulk.WriteErrors.FirstOrDefault(error => error.Category == ServerErrorCategory.DuplicateKey)?.Details,
            _ => null,
        };
        return reply is not null && reply.TryGetValue("keyPattern", out var pattern) && pattern.IsBsonDocument ? pattern.AsBsonDocument : null;
    }

    /// <summary>The 409 for a refused write of <paramref name="document"/> (null when the document was not changed).</summary>
    public async Task<ScimException> ToScimExceptionAsync(Exception exception, ResourceKey key, JsonObject? document, CancellationToken cancellationToken)
    {
        var uniques = MongoUniqueAttribute.Of(key.Type);
        MongoUniqueAttribute? collided = null;
        if (KeyPattern(exception) is { } pattern)
        {
            collided = uniques.FirstOrDefault(unique => pattern.Contains(unique.Field));
        }
        else if (document is not null)
        {
            foreach (var unique in uniques)
            {
                if (unique.ShadowValue(document) is { } value && await HeldByAnotherAsync(key, unique, value, cancellationToken).ConfigureAwait(false))
                {
                    collided = unique;
                    break;
                }
            }
        }

        if (collided is null)
        {
            return ScimErrors.DuplicateId(key);
        }

        var shown = document is null ? null : ValueText(collided.ShadowSource(document));
        return ScimErrors.DuplicateValue(key, collided.CanonicalText, shown);
    }

    // The partial unique index serves this lookup: tenant, type and the value, other than the resource written.
    private async Task<bool> HeldByAnotherAsync(ResourceKey key, MongoUniqueAttribute unique, BsonValue value, CancellationToken cancellationToken)
    {
        var filter = new BsonDocument
        {
            { MongoFields.Tenant, key.Tenant },
            { MongoFields.ResourceType, key.Type.Name },
            { unique.Field, value },
            { MongoFields.Id, new BsonDocument("$ne", MongoFields.KeyOf(key)) },
        };
        return await collections.Resources.Find(filter, new FindOptions { MaxTime = TimeSpan.FromSeconds(5) })
            .Project(new BsonDocument(MongoFields.Id, 1)).AnyAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? ValueText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();
}
