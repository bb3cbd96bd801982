using System.Globalization;
using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    private const string NumbersUrn = "urn:example:params:scim:schemas:extension:numbers:2.0:User";

    public static readonly TheoryData<string> NumbersEveryStoreHolds = new()
    {
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
        "0.0000000000000000000000000001",
        "1.50",
        "9223372036854775807",
        "-9223372036854775808",
        "12345678901234567890.12345678",
        "2147483648",
    };

    public static readonly TheoryData<string> NumbersNoStoreHoldsExactly = new()
    {
        "1e-7000",
        "1e7000",
        "12345678901234567890123456789012345678",
    };

    [Theory]
    [MemberData(nameof(NumbersEveryStoreHolds))]
    public async Task Create_WithANumberTheCoreRuleAccepts_ReadsBackTheSameValue(string number)
    {
        await Store.CreateAsync(new ResourceWrite(UserKey("n1"), WithNumber("n1", number), NextInstant(), []), Ct);

        var read = await GetAsync(UserKey("n1"));
        var listed = Assert.Single((await Store.QueryAsync(new(Tenant, UserType, null, null, new(1, 10), ReadOptions.DocumentOnly), Ct)).Resources);

        Assert.Equal(decimal.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture), NumberOf(read));
        Assert.Equal(decimal.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture), NumberOf(listed));
    }

    // Core refuses these on every write path (StorableNumbers); a store handed one directly must still never keep a
    // value it cannot give back: it refuses it, or it reads back the very number written, alone and in a list.
    [Theory]
    [MemberData(nameof(NumbersNoStoreHoldsExactly))]
    public async Task Create_WithANumberNoStoreHoldsExactly_IsRefusedOrReadBackUnchanged(string number)
    {
        await CreateUserAsync("plain", "plain");
        ScimException? refused = null;
        try
        {
            await Store.CreateAsync(new ResourceWrite(UserKey("n1"), WithNumber("n1", number), NextInstant(), []), Ct);
        }
        catch (ScimException error)
        {
            refused = error;
        }

        var listed = await Store.QueryAsync(new(Tenant, UserType, null, null, new(1, 10), ReadOptions.DocumentOnly), Ct);
        if (refused is not null)
        {
            Assert.Equal((400, ScimErrorType.InvalidValue), (refused.Status, refused.ScimType));
            Assert.Null(await Store.GetAsync(UserKey("n1"), ReadOptions.DocumentOnly, Ct));
            Assert.Equal(["plain"], listed.Resources.Select(r => r.Id));
        }
        else
        {
            Assert.Equal(number, NumberTextOf(await GetAsync(UserKey("n1"))));
            Assert.Equal(number, NumberTextOf(listed.Resources.Single(r => r.Id == "n1")));
        }
    }

    private static JsonObject WithNumber(string userName, string number)
    {
        var document = UserDocument(userName);
        document[NumbersUrn] = JsonNode.Parse($$"""{ "n": {{number}} }""");
        return document;
    }

    private static string NumberTextOf(StoredResource resource) => resource.Document[NumbersUrn]!["n"]!.ToJsonString();

    private static decimal NumberOf(StoredResource resource) =>
        decimal.Parse(NumberTextOf(resource), NumberStyles.Float, CultureInfo.InvariantCulture);
}
