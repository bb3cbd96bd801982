namespace Scim.Api.Tests.OperatorConsole.Browser;

/// <summary>
/// The Chromium the browser tests drive: <c>SCIM_CHROMIUM</c> when set, else Debian's package (<c>apt-get install
/// chromium</c>, which .ci/run does). Playwright's own browser download is not used: it is not reachable here.
/// </summary>
internal static class InstalledChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The executable, or null when there is none (a <c>SCIM_CHROMIUM</c> naming no file counts as none).</summary>
    public static string? Path =>
        Environment.GetEnvironmentVariable("SCIM_CHROMIUM") is { Length: > 0 } configured
            ? File.Exists(configured) ? configured : null
            : Candidates.FirstOrDefault(File.Exists);

    public static string SkipReason =>
        "No Chromium is installed (looked for SCIM_CHROMIUM, " + string.Join(", ", Candidates) + "): install Debian's chromium package "
        + "(apt-get install chromium), as .ci/run does, to run the console's browser tests.";
}
