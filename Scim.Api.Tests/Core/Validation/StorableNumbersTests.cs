using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Validation;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Core.Validation;

public class StorableNumbersTests
{
    private const string Undeclared = "urn:example:params:scim:schemas:extension:undeclared:2.0:User";

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.000")]
    [InlineData("0e99999999999999999999")]
    [InlineData("1.50")]
    [InlineData("-42")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("1E-28")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("1.000000000000000000000000001")]
    [InlineData("12345678901234567890.12345678")]
    [InlineData("2.5e2")]
    [InlineData("1000000000000000000000000000E+1")]
    public void IsExact_NumbersADecimalHolds_AreExact(string text)
    {
        Assert.True(StorableNumbers.IsExact(text));
    }

    [Theory]
    [InlineData("1e-7000")]
    [InlineData("1e7000")]
    [InlineData("12345678901234567890123456789012345678")]
    [InlineData("0.12345678901234567890123456789012345678")]
    [InlineData("79228162514264337593543950336")]
    [InlineData("1E-29")]
    [InlineData("1.0000000000000000000000000000001")]
    [InlineData("1e99999999999999999999")]
    [InlineData("1.7976931348623157E+308")]
    public void IsExact_NumbersADecimalWouldRoundOrOverflow_AreNotExact(string text)
    {
        Assert.False(StorableNumbers.IsExact(text));
    }

    [Theory]
    [InlineData("1e7000")]
    [InlineData("1e-7000")]
    [InlineData("12345678901234567890123456789012345678")]
    public void ValidateForWrite_AnUndeclaredExtensionNumberNoStoreHolds_IsInvalidValueNamingIt(string number)
    {
        var document = JsonNode.Parse($$"""{ "userName": "u", "{{Undeclared}}": { "score": [1, { "deep": {{number}} }] } }""")!.AsObject();

        var error = Assert.Throws<ScimException>(() => ResourceValidator.ValidateForWrite(document, BuiltInSchemas.UserResourceType));

        Assert.Equal(ScimErrorType.InvalidValue, error.ScimType);
        Assert.StartsWith($"Attribute '{Undeclared}.score.deep' holds the number {number}, which the service cannot store exactly", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e-7000")]
    [InlineData("0.12345678901234567890123456789012345678")]
    [InlineData("\"1e-7000\"")]
    public void Normalize_ADeclaredDecimalADecimalWouldRound_IsInvalidValueRatherThanRounded(string number)
    {
        var body = JsonNode.Parse($$"""{ "serialNumber": "s", "weight": {{number}} }""");

        var error = Assert.Throws<ScimException>(() => ResourceNormalizer.Normalize(body, TestResourceTypes.Device));

        Assert.Equal(ScimErrorType.InvalidValue, error.ScimType);
        Assert.Contains("'weight' holds the number", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateForWrite_NumbersEveryStoreHolds_Pass()
    {
        var document = JsonNode.Parse($$"""{ "userName": "u", "{{Undeclared}}": { "big": 79228162514264337593543950335, "tiny": 1E-28, "scaled": 1.50 } }""")!.AsObject();

        var error = Record.Exception(() => ResourceValidator.ValidateForWrite(document, BuiltInSchemas.UserResourceType));

        Assert.Null(error);
    }
}
