using System.Text.Json.Nodes;
using MongoDB.Bson;
using Scim.Api.Core.Errors;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoJsonConverterTests
{
    [Fact]
    public void ToBson_EncodesReservedFieldNamesAtEveryDepth()
    {
        var json = JsonNode.Parse("""
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": {"value": "m1", "$ref": "../Users/m1"}},
             "emails": [{"value": "a@b.c", "a.b": 1}]}
            """)!.AsObject();

        var bson = MongoJsonConverter.ToBson(json);

        Assert.Equal(
            BsonDocument.Parse("""
                {"urn:ietf:params:scim:schemas:extension:enterprise:2%2E0:User": {"manager": {"value": "m1", "%24ref": "../Users/m1"}},
                 "emails": [{"value": "a@b.c", "a%2Eb": 1}]}
                """),
            bson);
    }

    [Theory]
    [InlineData("1", BsonType.Int32)]
    [InlineData("-2147483649", BsonType.Int64)]
    [InlineData("9223372036854775807", BsonType.Int64)]
    [InlineData("9223372036854775808", BsonType.Decimal128)]
    [InlineData("1.50", BsonType.Decimal128)]
    [InlineData("79228162514264337593543950335", BsonType.Decimal128)]
    [InlineData("2.5e-3", BsonType.Decimal128)]
    public void ToBson_Numbers_KeepTheirValueInTheNarrowestExactType(string number, BsonType expected)
    {
        var bson = MongoJsonConverter.ToBson(JsonNode.Parse($$"""{"n": {{number}}}""")!.AsObject());

        Assert.Equal(expected, bson["n"].BsonType);
    }

    [Theory]
    [InlineData("""{"userName": "bjensen", "active": true, "title": null}""")]
    [InlineData("""{"n": 1, "big": 9223372036854775807, "d": 1.50, "e": 1E-28, "neg": -7}""")]
    [InlineData("""{"meta": {"created": "2011-08-01T18:29:49.793Z"}, "list": [1, "two", [3], {"four": 4}]}""")]
    [InlineData("""{"$ref": "x", "a.b": {"%": {"": "empty"}}, "nul\u0000": "z"}""")]
    public void ToJson_OfToBson_GivesBackTheSameDocument(string text)
    {
        var json = JsonNode.Parse(text)!.AsObject();

        var back = MongoJsonConverter.ToJson(MongoJsonConverter.ToBson(json));

        Assert.True(JsonNode.DeepEquals(json, back), back.ToJsonString());
    }

    [Fact]
    public void ToJson_DecimalNumbers_KeepTheirDigits()
    {
        var back = MongoJsonConverter.ToJson(MongoJsonConverter.ToBson(JsonNode.Parse("""{"d": 1.50}""")!.AsObject()));

        Assert.Equal("""{"d":1.50}""", back.ToJsonString());
    }

    [Theory]
    [InlineData("1e-7000")]
    [InlineData("1e7000")]
    [InlineData("12345678901234567890123456789012345678")]
    public void ToBson_ANumberNoStoreHoldsExactly_IsInvalidValueRatherThanRounded(string number)
    {
        var json = JsonNode.Parse($$"""{"n": {{number}}}""")!.AsObject();

        var error = Assert.Throws<ScimException>(() => MongoJsonConverter.ToBson(json));

        Assert.Equal(ScimErrorType.InvalidValue, error.ScimType);
    }

    [Fact]
    public void ToJson_NonFiniteNumbersLeftByAnotherWriter_ReadAsNullSoTheResourceStaysReadable()
    {
        var stored = new BsonDocument
        {
            { "inf", double.PositiveInfinity },
            { "nan", Decimal128.QNaN },
            { "ok", 1.5 },
        };

        var json = MongoJsonConverter.ToJson(stored);

        Assert.Equal("""{"inf":null,"nan":null,"ok":1.5}""", json.ToJsonString());
    }

    [Fact]
    public void ToBson_DateTimeText_StaysAString()
    {
        var bson = MongoJsonConverter.ToBson(JsonNode.Parse("""{"hired": "2020-01-01T00:00:00Z"}""")!.AsObject());

        Assert.Equal(BsonType.String, bson["hired"].BsonType);
    }
}
