using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Scim.Api.Application;
using Scim.Api.Core.Paging.Cursors;

namespace Scim.Api.Hosting.Cursors;

internal static class CursorServiceCollectionExtensions
{
    /// <summary>The cursor codec with the configured key ring (a generated key when none is configured), its validation and start-up warning.</summary>
    public static IHostApplicationBuilder AddScimCursors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<ScimServiceOptions>, CursorOptionsValidator>();
        builder.Services.AddSingleton(provider =>
        {
            var cursor = provider.GetRequiredService<IOptions<ScimServiceOptions>>().Value.Cursor;
            IReadOnlyList<byte[]> secrets = cursor.IsUnconfigured
                ? [RandomNumberGenerator.GetBytes(CursorCodec.MinimumKeyBytes)]
                : [.. cursor.Secrets().Select(secret => secret!)];
            return new CursorCodec(secrets, TimeSpan.FromSeconds(cursor.LifetimeSeconds), provider.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddHostedService<CursorKeyWarning>();
        return builder;
    }
}
