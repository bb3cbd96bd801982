using System.Globalization;
using CsCheck;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Core.Storage;

/// <summary>
/// Stored instants and <c>meta</c> times are fixed-width UTC text with seven fractional digits, so that comparing
/// the text compares the instants; the text reads back as the same instant.
/// </summary>
public class RoundTripTimeTests
{
    private const string FixedWidthUtc = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    private static readonly Gen<DateTimeOffset> Instants = Gen.Select(
        Gen.Long[DateTime.MinValue.Ticks + (2 * TimeSpan.TicksPerDay), DateTime.MaxValue.Ticks - (2 * TimeSpan.TicksPerDay)],
        Gen.Int[-14 * 60, 14 * 60],
        (ticks, offsetMinutes) => new DateTimeOffset(new DateTime(ticks) - TimeSpan.FromMinutes(offsetMinutes), TimeSpan.FromMinutes(offsetMinutes)));

    [Fact]
    public void Format_IsFixedWidthUtcWithSevenFractionalDigits_AndParsesBackToTheSameInstant()
    {
        Instants.Sample(instant =>
        {
            var text = RoundTripTime.Format(instant);

            Assert.Equal(instant.UtcDateTime.ToString(FixedWidthUtc, CultureInfo.InvariantCulture), text);
            Assert.Equal(instant, RoundTripTime.Parse(text));
            Assert.Equal(TimeSpan.Zero, RoundTripTime.Parse(text).Offset);
        });
    }

    [Fact]
    public void TextOrder_IsInstantOrder()
    {
        Gen.Select(Instants, Instants).Sample((a, b) => Assert.Equal(
            a.CompareTo(b),
            Math.Sign(string.CompareOrdinal(RoundTripTime.Format(a), RoundTripTime.Format(b)))));
    }

    [Theory]
    [InlineData("2024-05-01T08:30:00.0000000Z")]
    [InlineData("0001-01-02T00:00:00.0000001Z")]
    [InlineData("9999-12-30T23:59:59.9999999Z")]
    public void Parse_ThenFormat_GivesTheSameText(string text)
    {
        Assert.Equal(text, RoundTripTime.Format(RoundTripTime.Parse(text)));
    }
}
