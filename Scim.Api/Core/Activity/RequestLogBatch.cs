using Scim.Api.Core.Storage;

namespace Scim.Api.Core.Activity;

/// <summary>How a store folds a batch of entries into its per-minute counts and its credentials' last calls.</summary>
public static class RequestLogBatch
{
    /// <summary>The minute an entry is counted in: its time cut to the minute, in <see cref="RoundTripTime"/> form.</summary>
    public static string MinuteOf(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return RoundTripTime.Format(new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero));
    }

    public static IEnumerable<KeyValuePair<(string Tenant, string Credential, string Minute), RequestCounts>> CountsByMinute(IEnumerable<RequestLogEntry> entries)
    {
        var counts = new Dictionary<(string, string, string), RequestCounts>();
        foreach (var entry in entries)
        {
            var key = (entry.Tenant, entry.Credential, MinuteOf(entry.At));
            var one = RequestCounts.Of(entry.Status, entry.Duration);
            counts[key] = counts.TryGetValue(key, out var sum) ? sum.Add(one) : one;
        }

        return counts;
    }

    /// <summary>The entries of each credential, oldest first.</summary>
    public static IEnumerable<KeyValuePair<(string Tenant, string Credential), List<RequestLogEntry>>> CallsByCredential(IEnumerable<RequestLogEntry> entries)
    {
        var calls = new Dictionary<(string, string), List<RequestLogEntry>>();
        foreach (var entry in entries.OrderBy(entry => entry.At))
        {
            var key = (entry.Tenant, entry.Credential);
            if (!calls.TryGetValue(key, out var list))
            {
                calls[key] = list = [];
            }

            list.Add(entry);
        }

        return calls;
    }
}

/// <summary>A credential's last statuses, oldest first, as stored: comma-separated codes.</summary>
public static class RecentStatuses
{
    public static IReadOnlyList<int> Append(IEnumerable<int> previous, IEnumerable<int> added) =>
        [.. previous.Concat(added).TakeLast(CredentialActivity.MaxRecent)];

    public static string Format(IEnumerable<int> statuses) =>
        string.Join(',', statuses.Select(status => status.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static IReadOnlyList<int> Parse(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : [.. text.Split(',').Select(part => int.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var status) ? status : 0).Where(status => status > 0)];
}
