using Microsoft.Extensions.Options;
using Scim.Api.Application;

namespace Scim.Api.Hosting.Cursors;

/// <summary>
/// Warns at start, outside Development, when no cursor key is configured: the generated key lives only in this
/// process, so with several replicas a cursor issued by one is refused by the next, and a restart ends every listing.
/// </summary>
internal sealed partial class CursorKeyWarning(IOptions<ScimServiceOptions> options, IHostEnvironment environment, ILogger<CursorKeyWarning> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Cursor.IsUnconfigured && !environment.IsDevelopment())
        {
            LogNoCursorKey(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No cursor key is configured (Scim:Cursor:Keys:0:Secret): this process generated one, "
        + "so cursors it issues are refused by every other replica and after a restart. Configure the same key ring on every replica.")]
    private static partial void LogNoCursorKey(ILogger logger);
}
