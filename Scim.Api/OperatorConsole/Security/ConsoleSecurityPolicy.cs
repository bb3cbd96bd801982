namespace Scim.Api.OperatorConsole.Security;

/// <summary>
/// The console's Content-Security-Policy: its own stylesheet and icon, forms posted to itself, nothing else. No
/// script runs at all (the console has none), no inline style, no framing, no plugins, no base URL change.
/// </summary>
internal static class ConsoleSecurityPolicy
{
    public const string Value =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
}
