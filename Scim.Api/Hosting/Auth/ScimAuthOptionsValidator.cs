using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// Refuses to start with no credential, a malformed one, one whose permission is empty (it would be granted to every
/// token), or two that would map one caller to two tenants; every message names the configuration key to fix.
/// </summary>
internal sealed class ScimAuthOptionsValidator : IValidateOptions<ScimAuthOptions>
{
    private const string Section = ScimAuthOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ScimAuthOptions options)
    {
        if (!options.HasAnyCredential)
        {
            return ValidateOptionsResult.Fail(
                $"No SCIM credential is configured. Set {Section}:Tokens:0:Tenant and {Section}:Tokens:0:Hash " +
                "(environment: Scim__Auth__Tokens__0__Tenant, Scim__Auth__Tokens__0__Hash), " +
                $"{Section}:Entra:Tenants:0:TenantId and …:Tenant, or {Section}:Oidc:0:Authority, …:Audience and …:Tenant; " +
                "see README 'Credentials'.");
        }

        var failures = new List<string>();
        ValidateTokens(options.Tokens, failures);
        ValidateEntra(options.Entra, failures);
        ValidateOidc(options.Oidc, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateTokens(List<StaticToken> tokens, List<string> failures)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (string.IsNullOrWhiteSpace(token.Tenant))
            {
                failures.Add($"{Section}:Tokens:{i}:Tenant is missing: every token belongs to exactly one tenant.");
            }

            if (!TokenHash.TryDecode(token.Hash, out var hash))
            {
                failures.Add($"{Section}:Tokens:{i}:Hash must be 'sha256:' followed by 64 hex digits (the SHA-256 of the token).");
            }
            else if (!seen.TryAdd(Convert.ToHexString(hash), i))
            {
                failures.Add($"{Section}:Tokens:{i}:Hash repeats {Section}:Tokens:{seen[Convert.ToHexString(hash)]}:Hash: one token must map to one tenant.");
            }
        }
    }

    private static void ValidateEntra(EntraOptions entra, List<string> failures)
    {
        if (entra.Tenants.Count == 0)
        {
            return;
        }

        if (!IsHttpsUrl(entra.Instance))
        {
            failures.Add($"{Section}:Entra:Instance must be an absolute https URL such as {EntraOptions.DefaultInstance}.");
        }

        var seen = new Dictionary<(string, string), int>();
        for (var i = 0; i < entra.Tenants.Count; i++)
        {
            var entry = entra.Tenants[i];
            var key = $"{Section}:Entra:Tenants:{i}";
            if (!Guid.TryParse(entry.TenantId, out var directory))
            {
                failures.Add($"{key}:TenantId must be the Entra directory (tenant) id, a GUID.");
            }

            if (string.IsNullOrWhiteSpace(entry.Tenant))
            {
                failures.Add($"{key}:Tenant is missing: name the tenant this Entra directory's tokens act for.");
            }

            if (string.IsNullOrWhiteSpace(entry.Audience))
            {
                failures.Add($"{key}:Audience must not be empty (default {EntraOptions.ProvisioningAudience}, or the gallery app's id).");
            }
            else if (!seen.TryAdd((directory.ToString(), entry.Audience.Trim().ToUpperInvariant()), i))
            {
                failures.Add($"{key} repeats the directory and audience of {Section}:Entra:Tenants:{seen[(directory.ToString(), entry.Audience.Trim().ToUpperInvariant())]}: one token must map to one tenant.");
            }

            ValidateSubject(key, entry.SubjectAttribute, failures);
            ValidateClients(key, entry.AllowedClientIds, failures);
        }
    }

    private static void ValidateOidc(List<OidcCredential> credentials, List<string> failures)
    {
        var seen = new Dictionary<(string, string), int>();
        for (var i = 0; i < credentials.Count; i++)
        {
            var entry = credentials[i];
            var key = $"{Section}:Oidc:{i}";
            if (string.IsNullOrWhiteSpace(entry.Tenant))
            {
                failures.Add($"{key}:Tenant is missing: every authority's tokens act for exactly one tenant.");
            }

            if (!IsHttpsUrl(entry.Authority))
            {
                failures.Add($"{key}:Authority must be the authority's absolute https URL (e.g. https://example.okta.com/oauth2/default).");
            }

            if (entry.MetadataAddress is not null && !IsHttpsUrl(entry.MetadataAddress))
            {
                failures.Add($"{key}:MetadataAddress must be an absolute https URL.");
            }

            if (string.IsNullOrWhiteSpace(entry.Audience))
            {
                failures.Add($"{key}:Audience is missing: name the audience (aud) the authority issues SCIM tokens for.");
            }
            else if (entry.EffectiveIssuer is { } issuer && !seen.TryAdd((issuer, entry.Audience), i))
            {
                failures.Add($"{key} repeats the issuer and audience of {Section}:Oidc:{seen[(issuer, entry.Audience)]}: one token must map to one tenant.");
            }

            if (string.IsNullOrWhiteSpace(entry.ReadPermission))
            {
                failures.Add($"{key}:ReadPermission is empty: it would let every token the authority issues for the audience read. " +
                    $"Name the scope or app role that grants reading (default {OidcCredential.DefaultReadPermission}).");
            }

            if (string.IsNullOrWhiteSpace(entry.WritePermission))
            {
                failures.Add($"{key}:WritePermission is empty: it would let every token the authority issues for the audience write. " +
                    $"Name the scope or app role that grants writing (default {OidcCredential.DefaultWritePermission}).");
            }

            ValidateSubject(key, entry.SubjectAttribute, failures);
            ValidateClients(key, entry.AllowedClientIds, failures);
        }
    }

    private static void ValidateClients(string key, List<string> clients, List<string> failures)
    {
        for (var i = 0; i < clients.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(clients[i]))
            {
                failures.Add($"{key}:AllowedClientIds:{i} is empty: name a client application id, or list none to accept any.");
            }
        }
    }

    private static void ValidateSubject(string key, string? attribute, List<string> failures)
    {
        if (!SubjectAttributes.IsSupported(attribute))
        {
            failures.Add($"{key}:SubjectAttribute must be '{SubjectAttributes.UserName}' or '{SubjectAttributes.ExternalId}'.");
        }
    }

    private static bool IsHttpsUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
