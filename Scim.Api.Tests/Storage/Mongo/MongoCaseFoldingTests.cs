using CsCheck;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoCaseFoldingTests
{
    [Theory]
    [InlineData("bjensen", "BJENSEN")]
    [InlineData("émile", "ÉMILE")]
    [InlineData("Émile", "E\u0301mile")]
    [InlineData("straße", "STRASSE")]
    [InlineData("Straße", "STRAẞE")]
    [InlineData("ﬁona", "FIONA")]
    [InlineData("ｂｊｅｎｓｅｎ", "BJensen")]
    [InlineData("ΣΊΣΥΦΟΣ", "σίσυφος")]
    [InlineData("ǆemal", "ǅemal")]
    [InlineData("ſam", "SAM")]
    public void Fold_SameNameInAnotherCaseOrForm_FoldsAlike(string first, string second)
    {
        Assert.Equal(MongoCaseFolding.Fold(first), MongoCaseFolding.Fold(second));
    }

    [Theory]
    [InlineData("emile", "émile")]
    [InlineData("bjensen", "bjensen ")]
    [InlineData("i", "ı")]
    [InlineData("i", "İ")]
    public void Fold_NamesThatOnlyLookAlike_StayDistinct(string first, string second)
    {
        Assert.NotEqual(MongoCaseFolding.Fold(first), MongoCaseFolding.Fold(second));
    }

    [Fact]
    public void Fold_IsIdempotent()
    {
        Gen.String.Sample(text => Assert.Equal(MongoCaseFolding.Fold(text), MongoCaseFolding.Fold(MongoCaseFolding.Fold(text))));
    }

    [Fact]
    public void Fold_IgnoresAsciiCase()
    {
        Gen.String[Gen.Char.AlphaNumeric, 0, 20].Sample(text =>
            Assert.Equal(MongoCaseFolding.Fold(text.ToUpperInvariant()), MongoCaseFolding.Fold(text.ToLowerInvariant())));
    }
}
