using System.Globalization;
using System.Security.Cryptography;
using Scim.Bench.Http;
using Scim.Bench.Measurement;
using Scim.Bench.Payloads;

namespace Scim.Bench.Scenarios;

/// <summary>
/// What the scenarios of one run share: the client, the report, the users seeded so far (with their ids, for
/// the reads and the member PATCHes), and a run id that keeps this run's names apart from any earlier run's.
/// </summary>
internal sealed class BenchContext(BenchOptions options, ScimClient client, ResultReport report, CancellationToken cancellationToken)
{
    private SeededUser?[] _seeded = [];
    private int _seededCount;

    public BenchOptions Options { get; } = options;

    public ScimClient Client { get; } = client;

    public ResultReport Report { get; } = report;

    public CancellationToken Cancellation { get; } = cancellationToken;

    /// <summary>Six random letters: user names, external ids and group names of this run start with it.</summary>
    public string RunId { get; } = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz", 6);

    public int SeededCount => _seededCount;

    public SeededUser RandomSeededUser() => _seeded[Random.Shared.Next(_seededCount)]!;

    /// <summary>
    /// The id of the member at a position of a member list: seeded users first, then ids of no stored resource
    /// (the service keeps unknown member ids by default, as IdPs push groups before their members).
    /// </summary>
    public string MemberIdAt(long position) =>
        position < _seededCount ? _seeded[position]!.Id : $"{RunId}-member-{position.ToString(CultureInfo.InvariantCulture)}";

    public IEnumerable<string> MemberIds(long start, int count)
    {
        for (var position = start; position < start + count; position++)
        {
            yield return MemberIdAt(position);
        }
    }

    /// <summary>
    /// Seeds users until <paramref name="count"/> are stored by this run, by POST at the configured concurrency,
    /// and reports the seeding as a scenario of its own. Returns false when seeding failed.
    /// </summary>
    public async Task<bool> EnsureUsersAsync(int count)
    {
        if (_seededCount >= count)
        {
            return true;
        }

        var first = _seededCount;
        var slots = new SeededUser?[count];
        Array.Copy(_seeded, slots, first);
        var recorder = new LatencyRecorder($"seed ({first:N0}→{count:N0} users)");
        Console.WriteLine($"-- seeding users {first:N0}..{count - 1:N0} at concurrency {Options.Concurrency}");
        await LoadLoop.RunAsync(Options.Concurrency, new LoopBounds(count - first, Options.PhaseTimeout), recorder, async (i, ct) =>
        {
            var index = first + i;
            var manager = index > 0 ? Volatile.Read(ref slots[index / 10]) : null;
            var response = await Client.PostAsync("/Users", EntraPayloads.User(RunId, index, manager?.Id), ct).ConfigureAwait(false);
            if (response.Status == 201 && response.StringProperty("id") is { } id)
            {
                Volatile.Write(ref slots[index], new SeededUser(id, EntraPayloads.UserName(RunId, index), EntraPayloads.ExternalId(RunId, index)));
            }

            return response;
        }, Cancellation).ConfigureAwait(false);

        var stored = first;
        while (stored < count && slots[stored] is not null)
        {
            stored++;
        }

        _seeded = slots;
        _seededCount = stored;
        var result = recorder.ToResult([$"{stored:N0} users stored by this run; POST of Entra-shaped users at concurrency {Options.Concurrency}"]);
        Report.Add(result);
        if (stored < count && result.Outcome == ScenarioOutcome.Passed)
        {
            Console.WriteLine($"-- seeding stopped at {stored:N0} of {count:N0} users (time bound {Options.PhaseTimeout})");
        }

        return stored == count && result.Outcome == ScenarioOutcome.Passed;
    }

    /// <summary>Creates one empty group and returns its id, or null (reported by the caller) when it fails.</summary>
    public async Task<(string? Id, ScimResponse Response)> CreateGroupAsync(string purpose, long index)
    {
        var response = await Client.PostAsync("/Groups", EntraPayloads.Group(RunId, purpose, index), Cancellation).ConfigureAwait(false);
        return (response.Status == 201 ? response.StringProperty("id") : null, response);
    }
}
