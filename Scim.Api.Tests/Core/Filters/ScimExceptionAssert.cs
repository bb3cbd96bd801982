using System.Globalization;
using System.Text.RegularExpressions;
using Scim.Api.Core.Errors;

namespace Scim.Api.Tests.Core.Filters;

internal static partial class ScimExceptionAssert
{
    public static ScimException Throws(string scimType, Action action)
    {
        var error = Assert.Throws<ScimException>(action);
        Assert.Equal(400, error.Status);
        Assert.Equal(scimType, error.ScimType);
        return error;
    }

    /// <summary>The 1-based position the parser reports in its detail.</summary>
    public static int PositionOf(ScimException error)
    {
        var match = PositionPattern().Match(error.Detail);
        Assert.True(match.Success, $"No position in: {error.Detail}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"at position (\d+)")]
    private static partial Regex PositionPattern();
}
