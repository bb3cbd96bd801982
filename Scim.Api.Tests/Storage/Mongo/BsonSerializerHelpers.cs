using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>Reading and printing the JSON the Mongo tests compare.</summary>
internal static class BsonSerializerHelpers
{
    public static readonly JsonWriterSettings Relaxed = new() { OutputMode = JsonOutputMode.RelaxedExtendedJson };

    public static BsonArray ParseArray(string json) => BsonSerializer.Deserialize<BsonArray>(json);

    /// <summary>Expected and actual printed the same way, so a failure shows the two texts side by side.</summary>
    public static void AssertBson(string expectedJson, BsonValue actual) =>
        Assert.Equal(BsonDocument.Parse("{\"x\":" + expectedJson + "}")["x"].ToJson(Relaxed), actual.ToJson(Relaxed));
}
