using System.Text.RegularExpressions;
using MongoDB.Bson;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Deployment;

/// <summary>
/// The shard keys of deploy/mongo/shard-collections.js against the store's indexes: every collection is sharded,
/// every unique index begins with its collection's shard key (MongoDB enforces uniqueness on a sharded collection
/// only then), and the key is a prefix of an index the store declares (so queries naming the tenant are routed).
/// </summary>
public partial class MongoShardingTests
{
    private static readonly Dictionary<string, BsonDocument> ShardKeys = ReadShardKeys();

    [Fact]
    public void Script_ShardsEveryCollectionOfTheStore()
    {
        var collections = MongoIndexes.All(SchemaRegistry.CreateDefault().ResourceTypes).Select(entry => entry.Collection).Order().ToArray();

        Assert.Equal(collections, ShardKeys.Keys.Order().ToArray());
    }

    [Fact]
    public void EveryUniqueIndex_BeginsWithItsCollectionsShardKey()
    {
        foreach (var (collection, indexes) in MongoIndexes.All(SchemaRegistry.CreateDefault().ResourceTypes))
        {
            var key = ShardKeys[collection].Names.ToArray();
            foreach (var index in indexes.Where(index => index.Unique))
            {
                Assert.True(index.Keys.Names.Take(key.Length).SequenceEqual(key), $"{collection}.{index.Name} does not begin with the shard key {ShardKeys[collection]}.");
            }
        }
    }

    [Fact]
    public void EveryShardKey_IsThePrefixOfADeclaredIndex_AndBeginsWithTheTenant()
    {
        foreach (var (collection, indexes) in MongoIndexes.All(SchemaRegistry.CreateDefault().ResourceTypes))
        {
            var key = ShardKeys[collection].Names.ToArray();

            Assert.True(indexes.Any(index => index.Keys.Names.Take(key.Length).SequenceEqual(key)), $"No index of {collection} begins with {ShardKeys[collection]}.");
            Assert.Contains(key[0], new[] { "_id.t", "t" });
        }
    }

    private static Dictionary<string, BsonDocument> ReadShardKeys()
    {
        var script = RepositoryFiles.Read("deploy/mongo/shard-collections.js");
        var block = KeysBlock().Match(script).Groups["body"].Value;
        return KeyLine().Matches(block).ToDictionary(
            match => match.Groups["collection"].Value,
            match => BsonDocument.Parse(match.Groups["key"].Value));
    }

    [GeneratedRegex(@"const keys = \{(?<body>.*?)\n\};", RegexOptions.Singleline)]
    private static partial Regex KeysBlock();

    [GeneratedRegex(@"^\s*(?<collection>\w+): (?<key>\{[^}]*\}),", RegexOptions.Multiline)]
    private static partial Regex KeyLine();
}
