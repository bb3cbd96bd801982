using Scim.Api.Application.ProvisioningLog;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Application.ProvisioningLog;

/// <summary>
/// The provisioning log keeps error details without values: each case below is a detail the service really writes,
/// made with a value no name could be ("Sentinel-7f3a"), and the value must be gone while the names stay readable.
/// </summary>
public sealed class ErrorDetailScrubberTests
{
    private const string Sentinel = "Sentinel-7f3a";
    private static readonly ErrorDetailScrubber Scrubber = new(SchemaRegistry.CreateDefault());

    public static TheoryData<string, string> RealDetails => new()
    {
        { "uniqueness", ScimErrors.DuplicateValue(new ResourceKey("t", BuiltInSchemas.UserResourceType, "u1"), "userName", Sentinel).Detail },
        { "filter type", Detail(() => FilterResolver.Resolve(FilterParser.Parse($"active eq \"{Sentinel}\""), BuiltInSchemas.UserResourceType)) },
        { "filter number", Detail(() => FilterResolver.Resolve(FilterParser.Parse("active eq 74213"), BuiltInSchemas.UserResourceType)).Replace("74213", Sentinel, StringComparison.Ordinal) },
        { "unknown members", ScimErrors.UnknownMembers([Sentinel]).Detail },
        { "not found", ScimErrors.NotFound(BuiltInSchemas.UserResourceType, Sentinel).Detail },
        { "query parameter", Detail(() => Scim.Api.Core.Paging.PageRequest.ParseLenient(Sentinel, "count")) },
        { "unclosed quote", $"The value '{Sentinel} is broken" },
        { "double quotes inside a path", $"'emails[value eq \"{Sentinel}\"]' matched no value of 'emails'." },
    };

    [Theory]
    [MemberData(nameof(RealDetails))]
    public void Scrub_LeavesNoValueOfARealDetail(string kind, string detail)
    {
        Assert.Contains(Sentinel, detail, StringComparison.Ordinal);

        var scrubbed = Scrubber.Scrub(detail);

        Assert.True(scrubbed is not null && !scrubbed.Contains(Sentinel, StringComparison.OrdinalIgnoreCase), $"{kind}: {scrubbed}");
    }

    [Theory]
    [InlineData("'name.familyName' is required.", "'name.familyName' is required.")]
    [InlineData("Unknown attribute 'userName' inside 'emails[…]'", "Unknown attribute 'userName' inside '…'")]
    [InlineData("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager' is read-only.", "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager' is read-only.")]
    [InlineData("A User with userName 'ada@example.com' already exists.", "A User with userName '…' already exists.")]
    [InlineData("'active' is a boolean attribute and cannot be compared with 42; expected true or false.", "'active' is a boolean attribute and cannot be compared with …; expected true or false.")]
    [InlineData("Unexpected ')' at position 17.", "Unexpected ')' at position 17.")]
    public void Scrub_KeepsTheNamesAndPositionsThatSayWhatWentWrong(string detail, string expected)
    {
        Assert.Equal(expected, Scrubber.Scrub(detail));
    }

    [Fact]
    public void Scrub_CutsALongDetail()
    {
        var scrubbed = Scrubber.Scrub(new string('x', 2_000));

        Assert.Equal(Scim.Api.Core.Activity.RequestLogEntry.MaxDetailLength, scrubbed!.Length);
        Assert.EndsWith("…", scrubbed, StringComparison.Ordinal);
    }

    private static string Detail(Action action) => Assert.Throws<ScimException>(action).Detail;
}
