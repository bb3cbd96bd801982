using System.Globalization;

namespace Scim.Bench;

/// <summary>The command line of the load generator, parsed by hand and validated before any request is sent.</summary>
internal sealed record BenchOptions
{
    public required Uri BaseUrl { get; init; }

    public required string Token { get; init; }

    public required IReadOnlyList<string> Scenarios { get; init; }

    public int Users { get; init; } = 10_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public int Concurrency { get; init; } = 32;

    /// <summary>Unrecorded load sent before each timed read or POST scenario, so that JIT tiering is done.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Groups the entra-sync scenario creates and fills.</summary>
    public int Groups { get; init; } = 10;

    /// <summary>Users the entra-sync scenario provisions; defaults to <see cref="Users"/>.</summary>
    public int? SyncUsers { get; init; }

    /// <summary>Members per PATCH when entra-sync fills its groups.</summary>
    public int SyncBatch { get; init; } = 100;

    /// <summary>PATCH requests sent by each patch-members scenario.</summary>
    public int PatchRequests { get; init; } = 1_000;

    /// <summary>Single-member PATCHes sent to each group size of patch-one-member.</summary>
    public int OneMemberRequests { get; init; } = 1_000;

    public IReadOnlyList<int> GroupSizes { get; init; } = [0, 10_000, 100_000];

    /// <summary>Users stored before the soak starts (more are seeded when fewer exist); defaults to <see cref="Users"/>.</summary>
    public int? SoakUsers { get; init; }

    /// <summary>Length of the soak; defaults to <see cref="Duration"/>.</summary>
    public TimeSpan? SoakDuration { get; init; }

    /// <summary>Target request rate of the soak; 0 sends as fast as the server answers.</summary>
    public double Rate { get; init; }

    /// <summary>Most requests any one timed loop sends, whatever its duration.</summary>
    public long MaxRequests { get; init; } = 5_000_000;

    /// <summary>Longest any one untimed phase (seeding, listing, group filling) may run before it is stopped.</summary>
    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public int? ServerPid { get; init; }

    /// <summary>A file the results are appended to as JSON lines, besides the console table.</summary>
    public string? Output { get; init; }

    public bool AllowRemote { get; init; }

    /// <summary>An admin token for the console-pages and event scenarios (or SCIM_BENCH_ADMIN_TOKEN); without it that scenario is skipped.</summary>
    public string? AdminToken { get; init; }

    /// <summary>The tenant the --token belongs to, whose console pages console-pages loads.</summary>
    public string Tenant { get; init; } = "bench";

    /// <summary>Loads of each console page in console-pages.</summary>
    public int ConsoleRequests { get; init; } = 50;
    /// <summary>The PEM certificate and key the bench's webhook receiver serves HTTPS with; plain HTTP when absent.</summary>
    public string? ReceiverCertificate { get; init; }

    public string? ReceiverKey { get; init; }

    /// <summary>Changes per second the webhook-lag scenario makes (POST /Users, paced).</summary>
    public double ChangeRate { get; init; } = 1000;

    /// <summary>How long the receiver of webhook-lag takes to answer each request, as a receiver across a network would.</summary>
    public TimeSpan ReceiverDelay { get; init; } = TimeSpan.Zero;

    public int EffectiveSyncUsers => SyncUsers ?? Users;

    public int EffectiveSoakUsers => SoakUsers ?? Users;

    public TimeSpan EffectiveSoakDuration => SoakDuration ?? Duration;

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Scim.Bench -- --base-url URL --token TOKEN --scenario NAME[,NAME…] [options]

          --base-url URL          SCIM base URL, e.g. http://127.0.0.1:5000/scim/v2 (loopback unless --allow-remote)
          --token TOKEN           bearer token (or set SCIM_BENCH_TOKEN)
          --scenario NAMES        comma-separated scenario names, or 'all':
                                  baseline, seed, get-by-id, filter-username, filter-externalid, post-users,
                                  patch-members-100, patch-members-1000, patch-one-member, list-index,
                                  list-cursor, console-pages, entra-sync, soak, events-post-users, webhook-lag
          --users N               users seeded before the read scenarios (default 10000)
          --duration D            length of each timed scenario: 30s, 2m, 500ms (default 30s)
          --concurrency N         requests in flight (default 32)
          --warmup D              unrecorded load before each timed read/POST scenario (default 3s; 0 for none)
          --groups N              groups created by entra-sync (default 10)
          --sync-users N          users provisioned by entra-sync (default: --users)
          --sync-batch N          members per PATCH in entra-sync (default 100)
          --patch-requests N      PATCHes sent by each patch-members scenario (default 1000)
          --one-member-requests N single-member PATCHes per group size in patch-one-member (default 1000)
          --group-sizes A,B,C     group sizes for patch-one-member (default 0,10000,100000)
          --soak-users N          users stored before the soak (default: --users)
          --soak-duration D       length of the soak (default: --duration)
          --rate R                soak target rate in requests/s; 0 = as fast as possible (default 0)
          --max-requests N        cap on the requests of any timed loop (default 5000000)
          --phase-timeout D       cap on any untimed phase such as seeding (default 30m)
          --server-pid PID        sample the server's VmHWM/VmRSS from /proc/PID/status during the soak
          --output FILE           append each result as a JSON line to FILE
          --admin-token TOKEN     admin token for console-pages (or set SCIM_BENCH_ADMIN_TOKEN); the console must be on
          --tenant NAME           the tenant of --token, whose console pages are loaded (default bench)
          --console-requests N    loads of each console page (default 50)
          --allow-remote          allow a base URL that is not a loopback address
          --admin-token TOKEN     admin token for the event scenarios (or set SCIM_BENCH_ADMIN_TOKEN)
          --receiver-cert FILE    PEM certificate of the bench's HTTPS webhook receiver (the service must trust it)
          --receiver-key FILE     its PEM key; without them the receiver is plain HTTP (a service in Development)
          --change-rate R         changes per second of webhook-lag (default 1000)
          --receiver-delay D      how long the receiver of webhook-lag takes to answer each request (default 0)
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unexpected argument '{name}'; options start with '--'.");
            }

            if (name is "--allow-remote" or "--help")
            {
                flags.Add(name);
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new UsageException($"option '{name}' needs a value.");
            }

            values[name] = args[++i];
        }

        if (flags.Contains("--help"))
        {
            throw new UsageException(null);
        }

        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "--base-url", "--token", "--scenario", "--users", "--duration", "--warmup", "--concurrency", "--groups", "--sync-users",
            "--sync-batch", "--patch-requests", "--one-member-requests", "--group-sizes", "--soak-users", "--soak-duration", "--rate",
            "--max-requests", "--phase-timeout", "--server-pid", "--output", "--admin-token", "--tenant", "--console-requests", "--receiver-cert",
            "--receiver-key", "--change-rate", "--receiver-delay",
        };
        foreach (var name in values.Keys.Where(n => !known.Contains(n)))
        {
            throw new UsageException($"unknown option '{name}'.");
        }

        var baseUrlText = Required(values, "--base-url");
        if (!Uri.TryCreate(baseUrlText.TrimEnd('/'), UriKind.Absolute, out var baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--base-url '{baseUrlText}' is not an absolute http(s) URL.");
        }

        var allowRemote = flags.Contains("--allow-remote");
        if (!allowRemote && !baseUrl.IsLoopback)
        {
            throw new UsageException(
                $"--base-url host '{baseUrl.Host}' is not a loopback address; pass --allow-remote to load a server you run elsewhere.");
        }

        var token = values.GetValueOrDefault("--token") ?? Environment.GetEnvironmentVariable("SCIM_BENCH_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new UsageException("--token is required (or set SCIM_BENCH_TOKEN).");
        }

        var scenarios = ScenarioNames.Expand(Required(values, "--scenario"));
        var users = Int(values, "--users", 10_000, 1);
        return new BenchOptions
        {
            BaseUrl = baseUrl,
            Token = token,
            Scenarios = scenarios,
            Users = users,
            Duration = DurationOption(values, "--duration", TimeSpan.FromSeconds(30)),
            Concurrency = Int(values, "--concurrency", 32, 1),
            Warmup = values.TryGetValue("--warmup", out var warmup) && warmup is "0" or "0s"
                ? TimeSpan.Zero
                : DurationOption(values, "--warmup", TimeSpan.FromSeconds(3)),
            Groups = Int(values, "--groups", 10, 1),
            SyncUsers = values.ContainsKey("--sync-users") ? Int(values, "--sync-users", users, 1) : null,
            SyncBatch = Int(values, "--sync-batch", 100, 1),
            PatchRequests = Int(values, "--patch-requests", 1_000, 1),
            OneMemberRequests = Int(values, "--one-member-requests", 1_000, 1),
            GroupSizes = values.TryGetValue("--group-sizes", out var sizes) ? IntList(sizes, "--group-sizes") : [0, 10_000, 100_000],
            SoakUsers = values.ContainsKey("--soak-users") ? Int(values, "--soak-users", users, 1) : null,
            SoakDuration = values.ContainsKey("--soak-duration") ? DurationOption(values, "--soak-duration", TimeSpan.Zero) : null,
            Rate = Double(values, "--rate", 0),
            MaxRequests = Int(values, "--max-requests", 5_000_000, 1),
            PhaseTimeout = DurationOption(values, "--phase-timeout", TimeSpan.FromMinutes(30)),
            ServerPid = values.ContainsKey("--server-pid") ? Int(values, "--server-pid", 0, 1) : null,
            Output = values.GetValueOrDefault("--output"),
            AllowRemote = allowRemote,
            AdminToken = values.GetValueOrDefault("--admin-token") ?? NullIfEmpty(Environment.GetEnvironmentVariable("SCIM_BENCH_ADMIN_TOKEN")),
            Tenant = values.GetValueOrDefault("--tenant") ?? "bench",
            ConsoleRequests = Int(values, "--console-requests", 50, 1),
            ReceiverCertificate = values.GetValueOrDefault("--receiver-cert"),
            ReceiverKey = values.GetValueOrDefault("--receiver-key"),
            ChangeRate = values.ContainsKey("--change-rate") ? Double(values, "--change-rate", 1000) : 1000,
            ReceiverDelay = DurationOption(values, "--receiver-delay", TimeSpan.Zero),
        };
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string Required(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new UsageException($"{name} is required.");

    private static int Int(Dictionary<string, string> values, string name, int fallback, int minimum)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            || value < minimum)
        {
            throw new UsageException($"{name} '{text}' must be an integer of at least {minimum}.");
        }

        return value;
    }

    private static double Double(Dictionary<string, string> values, string name, double fallback)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new UsageException($"{name} '{text}' must be a number of at least 0.");
        }

        return value;
    }

    private static List<int> IntList(string text, string name)
    {
        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                throw new UsageException($"{name}: '{part}' is not a non-negative integer.");
            }

            list.Add(value);
        }

        return list.Count > 0 ? list : throw new UsageException($"{name} needs at least one size.");
    }

    private static TimeSpan DurationOption(Dictionary<string, string> values, string name, TimeSpan fallback)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return TryParseDuration(text, out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw new UsageException($"{name} '{text}' is not a positive duration such as 500ms, 30s, 10m or 1h.");
    }

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * unit);
        return true;
    }
}

internal sealed class UsageException(string? message) : Exception(message ?? BenchOptions.Usage);
