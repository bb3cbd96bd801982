using CsCheck;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoFieldNamesTests
{
    [Theory]
    [InlineData("userName", "userName")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2%2E0:User")]
    [InlineData("$ref", "%24ref")]
    [InlineData("a.b.c", "a%2Eb%2Ec")]
    [InlineData("%", "%25")]
    [InlineData("%2E", "%252E")]
    [InlineData("\0", "%00")]
    [InlineData("a\0b", "a%00b")]
    [InlineData("", "%")]
    [InlineData("$", "%24")]
    [InlineData("100%.$", "100%25%2E%24")]
    [InlineData("émile ünïcode", "émile ünïcode")]
    public void Encode_ReservedCharacters_AreEscapedAndDecodeBack(string name, string expected)
    {
        var encoded = MongoFieldNames.Encode(name);

        Assert.Equal(expected, encoded);
        Assert.Equal(name, MongoFieldNames.Decode(encoded));
    }

    [Theory]
    [InlineData("%2E", "%25")]
    [InlineData("%", "")]
    [InlineData("%24ref", "$ref")]
    public void Encode_DistinctNames_NeverCollide(string first, string second)
    {
        Assert.NotEqual(MongoFieldNames.Encode(first), MongoFieldNames.Encode(second));
    }

    [Theory]
    [InlineData("%zz")]
    [InlineData("%2")]
    [InlineData("abc%")]
    [InlineData("%41")]
    public void Decode_TextNoEncodingProduces_IsAFormatError(string field)
    {
        Assert.Throws<FormatException>(() => MongoFieldNames.Decode(field));
    }

    [Fact]
    public void Path_EncodesEachNameAndJoinsWithDots()
    {
        var path = MongoFieldNames.Path("doc", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "manager", "$ref");

        Assert.Equal("doc.urn:ietf:params:scim:schemas:extension:enterprise:2%2E0:User.manager.%24ref", path);
    }

    [Fact]
    public void Encode_AnyString_RoundTripsAndHoldsNothingMongoDbForbids()
    {
        Gen.String.Sample(name =>
        {
            var encoded = MongoFieldNames.Encode(name);
            Assert.Equal(name, MongoFieldNames.Decode(encoded));
            Assert.NotEmpty(encoded);
            Assert.DoesNotContain('.', encoded);
            Assert.DoesNotContain('$', encoded);
            Assert.DoesNotContain('\0', encoded);
        });
    }

    [Fact]
    public void Encode_StringsOfReservedCharacters_IsInjective()
    {
        var reserved = Gen.String[Gen.Char["%.$\0a2E4"], 0, 8];
        Gen.Select(reserved, reserved).Sample(pair =>
        {
            var (first, second) = pair;
            Assert.Equal(first == second, MongoFieldNames.Encode(first) == MongoFieldNames.Encode(second));
        });
    }
}
