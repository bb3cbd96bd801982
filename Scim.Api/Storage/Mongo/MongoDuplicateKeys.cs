using MongoDB.Driver;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Maps MongoDB's duplicate-key error (code 11000) to the SCIM 409 <c>uniqueness</c> error (RFC 7644 §3.12), naming
/// the attribute whose unique index refused the write. The server names the index in its message; index names are
/// ours (<see cref="MongoIndexes"/>), so the attribute follows from the name.
/// </summary>
internal sealed class MongoDuplicateKeys
{
    private const int DuplicateKeyCode = 11000;
    private readonly List<(string IndexName, string Attribute, bool IgnoresCase)> _indexes;

    public MongoDuplicateKeys(IEnumerable<ResourceTypeDefinition> types)
    {
        _indexes = [.. types.SelectMany(MongoUniqueAttribute.Of)
            .Select(unique => (unique.IndexName, unique.CanonicalText, unique.IsFolded))
            .Distinct()
            .OrderByDescending(index => index.IndexName.Length)];
    }

    public static bool IsDuplicateKey(Exception exception) => exception switch
    {
        MongoWriteException write => write.WriteError?.Category == ServerErrorCategory.DuplicateKey,
        MongoBulkWriteException bulk => bulk.WriteErrors.Any(error => error.Category == ServerErrorCategory.DuplicateKey),
        MongoCommandException command => command.Code == DuplicateKeyCode,
        _ => false,
    };

    public ScimException ToScimException(Exception exception, string resourceType)
    {
        var message = exception switch
        {
            MongoWriteException write => write.WriteError?.Message ?? write.Message,
            MongoBulkWriteException bulk => string.Join(" ", bulk.WriteErrors.Select(error => error.Message)),
            _ => exception.Message,
        };
        foreach (var (indexName, attribute, ignoresCase) in _indexes)
        {
            if (message.Contains($"index: {indexName} ", StringComparison.Ordinal))
            {
                var comparison = ignoresCase ? " (compared ignoring case)" : "";
                return ScimException.Uniqueness(
                    $"Another {resourceType} of this tenant already has this {attribute}{comparison}; choose a different {attribute}.");
            }
        }

        return ScimException.Uniqueness($"A {resourceType} with this id already exists in this tenant.");
    }
}
