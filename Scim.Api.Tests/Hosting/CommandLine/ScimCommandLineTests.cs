using Scim.Api.Hosting.CommandLine;

namespace Scim.Api.Tests.Hosting.CommandLine;

/// <summary>What each command line asks for: help (0), a usage error (2), or the service (null: the host starts).</summary>
public sealed class ScimCommandLineTests
{
    public static TheoryData<string[]> AskingForHelp => new(
        ["--help"], ["-h"], ["-?"], ["help"], ["help", "tokens"], ["tokens", "new", "--help"], ["admin-tokens", "new", "-h"],
        ["--urls", "http://127.0.0.1:5000", "--help"]);

    public static TheoryData<string[], string> UnknownVerbs => new()
    {
        { ["frobnicate"], "'frobnicate' is not a command" },
        { ["frobnicate", "--help"], "'frobnicate' is not a command" },
        { ["tokens"], "did you mean 'tokens new'" },
        { ["tokens", "list"], "'tokens list' is not a command" },
        { ["admin-tokens"], "did you mean 'admin-tokens new'" },
        { ["run", "--urls", "http://127.0.0.1:5000"], "'run' is not a command" },
    };

    public static TheoryData<string[], string> BadOptions => new()
    {
        { ["tokens", "new", "--tennant", "acme"], "unknown option '--tennant'" },
        { ["tokens", "new", "--tenant"], "--tenant needs a value" },
        { ["tokens", "new", "--tenant", "--read-only"], "--tenant needs a value" },
        { ["tokens", "new", "--id", "a", "--id", "b"], "--id is given twice" },
        { ["admin-tokens", "new", "--read-only"], "unknown option '--read-only'" },
        { ["--urls"], "--urls needs a value" },
        { ["-u", "http://127.0.0.1:5000"], "unknown option '-u'" },
        { ["--urls", "http://127.0.0.1:5000", "stray"], "unexpected argument 'stray'" },
        { ["--=x"], "names no configuration key" },
    };

    // ASP.NET Core's command-line configuration forms; WebApplicationFactory passes the host's settings as --key=value.
    public static TheoryData<string[]> Configuration => new(
        [], ["--urls", "http://127.0.0.1:5000"], ["--urls=http://127.0.0.1:5000"], ["/urls", "http://127.0.0.1:5000"],
        ["urls=http://127.0.0.1:5000"], ["--Storage:Sqlite:Path", "data/scim.db", "--environment", "Production"],
        ["--environment=Development", "--contentRoot=/app", "--applicationName=Scim.Api"]);

    [Theory]
    [MemberData(nameof(AskingForHelp))]
    public void Help_PrintsTheUsageOnStandardOutput_AndExitsWithZero(string[] args)
    {
        var (exitCode, output, error) = Run(args);

        Assert.Equal(0, exitCode);
        Assert.Contains("tokens new [--tenant TENANT] [--id ID] [--read-only]", output, StringComparison.Ordinal);
        Assert.Contains("admin-tokens new [--id ID]", output, StringComparison.Ordinal);
        Assert.Contains("Start the service", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Theory]
    [MemberData(nameof(UnknownVerbs))]
    public void UnknownVerb_PrintsTheProblemAndTheUsageOnStandardError_AndExitsWithTwo(string[] args, string problem)
    {
        var (exitCode, output, error) = Run(args);

        Assert.Equal(2, exitCode);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Contains(ScimCommandLine.Usage, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadOption_PrintsTheProblemAndTheUsageOnStandardError_AndExitsWithTwo(string[] args, string problem)
    {
        var (exitCode, output, error) = Run(args);

        Assert.Equal(2, exitCode);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Contains(ScimCommandLine.Usage, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Theory]
    [MemberData(nameof(Configuration))]
    public void Configuration_StartsTheService_AndPrintsNothing(string[] args)
    {
        var (exitCode, output, error) = Run(args);

        Assert.Null(exitCode);
        Assert.Empty(output);
        Assert.Empty(error);
    }

    private static (int? ExitCode, string Output, string Error) Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = ScimCommandLine.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
