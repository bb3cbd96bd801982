using System.Text.Json.Nodes;
using MongoDB.Bson;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>The stored form of a resource (see <see cref="MongoFields"/>) and its reading back.</summary>
internal static class MongoResourceDocuments
{
    /// <summary>What reads fetch: never the shadow fields.</summary>
    public static readonly BsonDocument Projection = new()
    {
        { MongoFields.Version, 1 },
        { MongoFields.CreatedTicks, 1 },
        { MongoFields.LastModifiedTicks, 1 },
        { MongoFields.Document, 1 },
    };

    public static BsonDocument ForCreate(ResourceWrite write)
    {
        var stored = new BsonDocument
        {
            { MongoFields.Id, MongoFields.KeyOf(write.Key) },
            { MongoFields.Version, 1L },
            { MongoFields.CreatedTicks, write.Created.UtcTicks },
            { MongoFields.LastModifiedTicks, write.Created.UtcTicks },
        };
        stored.AddRange(Content(write.Key.Type, write.Document));
        return stored;
    }

    /// <summary>The update of a compare-and-swap: a new document (when given) with its shadows, the time, the version.</summary>
    public static BsonDocument ForUpdate(ResourceUpdate update)
    {
        var set = new BsonDocument { { MongoFields.LastModifiedTicks, update.LastModified.UtcTicks } };
        var unset = new BsonDocument();
        if (update.Document is { } document)
        {
            var content = Content(update.Key.Type, document);
            foreach (var optional in new[] { MongoFields.ExternalId, MongoFields.Display, MongoFields.DisplayKey })
            {
                if (!content.Contains(optional))
                {
                    unset.Add(optional, "");
                }
            }

            set.Merge(content);
        }

        var result = new BsonDocument { { "$set", set }, { "$inc", new BsonDocument(MongoFields.Version, 1L) } };
        if (unset.ElementCount > 0)
        {
            result.Add("$unset", unset);
        }

        return result;
    }

    /// <summary>
    /// The document without what travels beside it (IResourceStore): id and meta, and the Group members / User
    /// groups that live in the membership collection.
    /// </summary>
    public static JsonObject Storable(ResourceTypeDefinition type, JsonObject document)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in document)
        {
            if (!IsKeptBeside(type, name))
            {
                copy[name] = value?.DeepClone();
            }
        }

        return copy;
    }

    public static StoredResource Read(BsonDocument stored) => new(
        stored[MongoFields.Id]["id"].AsString,
        stored[MongoFields.Version].ToInt64(),
        new DateTimeOffset(stored[MongoFields.CreatedTicks].ToInt64(), TimeSpan.Zero),
        new DateTimeOffset(stored[MongoFields.LastModifiedTicks].ToInt64(), TimeSpan.Zero),
        MongoJsonConverter.ToJson(stored[MongoFields.Document].AsBsonDocument));

    /// <summary>The shadows, the presence list, the folded copy and the document itself.</summary>
    private static BsonDocument Content(ResourceTypeDefinition type, JsonObject document)
    {
        var storable = Storable(type, document);
        var content = Shadows(type, document);
        content.Add(MongoFields.Present, new BsonArray(MongoPresence.Paths(type, storable)));
        content.Add(MongoFields.Folded, MongoFoldedDocument.Build(type, storable));
        content.Add(MongoFields.Document, MongoJsonConverter.ToBson(storable));
        return content;
    }

    /// <summary>
    /// externalId and the display name as they are (for lookups and User.groups display), the display name folded,
    /// and the folded unique values.
    /// </summary>
    public static BsonDocument Shadows(ResourceTypeDefinition type, JsonObject document)
    {
        var shadows = new BsonDocument();
        if (document[CommonAttributes.ExternalId] is { } externalId)
        {
            shadows.Add(MongoFields.ExternalId, MongoJsonConverter.ToBsonValue(externalId));
        }

        if ((TextOf(document, "displayName") ?? TextOf(document, "userName")) is { } display)
        {
            shadows.Add(MongoFields.Display, display);
            shadows.Add(MongoFields.DisplayKey, MongoCaseFolding.Fold(display));
        }

        var unique = new BsonDocument();
        foreach (var attribute in MongoUniqueAttribute.Of(type))
        {
            if (attribute.ShadowValue(document) is { } value)
            {
                unique.Add(MongoFieldNames.Encode(attribute.CanonicalText), value);
            }
        }

        shadows.Add(MongoFields.Unique, unique);
        return shadows;
    }

    private static bool IsKeptBeside(ResourceTypeDefinition type, string name)
    {
        if (string.Equals(name, CommonAttributes.Id, StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, CommonAttributes.Meta, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var attribute = type.Schema.FindAttribute(name);
        return attribute is not null
            && (MongoAttributeLocation.IsMembersAttribute(type, attribute) || MongoAttributeLocation.IsGroupsAttribute(type, attribute));
    }

    private static string? TextOf(JsonObject document, string name) =>
        document[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
