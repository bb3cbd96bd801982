using Microsoft.Extensions.Options;
using Scim.Api.Application;
using Scim.Api.Core.Paging.Cursors;

namespace Scim.Api.Hosting.Cursors;

/// <summary>Refuses to start with a cursor key that is not base64 of at least 32 bytes, naming the key.</summary>
internal sealed class CursorOptionsValidator : IValidateOptions<ScimServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, ScimServiceOptions options)
    {
        var cursor = options.Cursor;
        var failures = new List<string>();
        if (cursor.LifetimeSeconds <= 0)
        {
            failures.Add("Scim:Cursor:LifetimeSeconds must be a positive number.");
        }

        var secrets = cursor.Secrets();
        for (var index = 0; index < secrets.Count; index++)
        {
            if (secrets[index] is not { Length: >= CursorCodec.MinimumKeyBytes })
            {
                var key = cursor.Keys.Count > 0 ? $"Scim:Cursor:Keys:{index}:Secret" : "Scim:Cursor:SigningKey";
                failures.Add($"{key} must be base64 of at least {CursorCodec.MinimumKeyBytes} random bytes (e.g. `openssl rand -base64 32`).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
