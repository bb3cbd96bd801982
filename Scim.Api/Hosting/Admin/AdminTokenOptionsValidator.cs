using Microsoft.Extensions.Options;
using Scim.Api.Hosting.Auth;

namespace Scim.Api.Hosting.Admin;

/// <summary>Refuses to start with a malformed admin token, naming the configuration key to fix.</summary>
internal sealed class AdminTokenOptionsValidator : IValidateOptions<AdminTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminTokenOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var token = options.Tokens[i];
            if (string.IsNullOrWhiteSpace(token.Id))
            {
                failures.Add($"{AdminTokenOptions.SectionName}:Tokens:{i}:Id is missing: the audit trail names the admin token that restored a resource.");
            }

            if (!TokenHash.TryDecode(token.Hash, out _))
            {
                failures.Add($"{AdminTokenOptions.SectionName}:Tokens:{i}:Hash must be 'sha256:' followed by 64 hex digits (the SHA-256 of the token).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
