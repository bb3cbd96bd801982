using System.Net;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Events;

/// <summary>
/// What a subscription may say, checked before it is stored; each refusal is 400 <c>invalidValue</c> whose detail
/// starts with the field at fault (<c>url</c>, <c>resourceTypes[1]</c>, …). The URL must be HTTPS and name no
/// address the delivery would refuse (<see cref="NetworkAddresses"/>); plain HTTP is accepted only to a loopback
/// host and only where <see cref="UrlPolicy.AllowPlainHttpToLoopback"/> (the Development environment). A host name is
/// checked again, resolved, when delivery connects: validation alone cannot see what a name will resolve to.
/// </summary>
public static class SubscriptionRules
{
    public const int MaxIdLength = 64;
    public const int MaxUrlLength = 2048;

    public static string ValidateId(string? id, string field = "id")
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw ScimException.InvalidValue(
                $"{field}: '{id}' is not a subscription id: 1 to {MaxIdLength} letters, digits, '-', '_' or '.'.");
        }

        return id;
    }

    public static Uri ValidateUrl(string? text, UrlPolicy policy, string field = "url")
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ScimException.InvalidValue($"{field}: a subscription needs the HTTPS URL its events are posted to.");
        }

        if (text.Length > MaxUrlLength || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url))
        {
            throw ScimException.InvalidValue($"{field}: '{Shorten(text)}' is not an absolute URL.");
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            throw ScimException.InvalidValue($"{field}: a URL with credentials in it (user:password@) is refused; they would be logged and shown.");
        }

        if (!string.IsNullOrEmpty(url.Fragment))
        {
            throw ScimException.InvalidValue($"{field}: a URL with a fragment (#…) is refused; a fragment is never sent to the server.");
        }

        var loopbackHost = IsLoopbackHost(url);
        if (url.Scheme == Uri.UriSchemeHttp)
        {
            if (!policy.AllowPlainHttpToLoopback || !loopbackHost)
            {
                throw ScimException.InvalidValue(
                    $"{field}: '{url.GetLeftPart(UriPartial.Authority)}' is plain HTTP; events are posted over HTTPS only "
                    + "(plain HTTP is accepted to a loopback host in the Development environment).");
            }
        }
        else if (url.Scheme != Uri.UriSchemeHttps)
        {
            throw ScimException.InvalidValue($"{field}: the scheme '{url.Scheme}' is not HTTPS.");
        }

        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) ? !policy.Addresses.IsAllowed(address) : loopbackHost && !policy.Addresses.IsAllowed(IPAddress.Loopback))
        {
            throw ScimException.InvalidValue(
                $"{field}: '{url.Host}' is a loopback, private, link-local or reserved address, which webhooks may not reach "
                + "unless an operator allows its network (Scim:Events:Delivery:AllowedNetworks).");
        }

        return url;
    }

    /// <summary>Resource type names as the registry spells them; empty means every type.</summary>
    public static IReadOnlyList<string> ValidateResourceTypes(IEnumerable<string?>? names, SchemaRegistry registry, string field = "resourceTypes")
    {
        ArgumentNullException.ThrowIfNull(registry);
        var types = new List<string>();
        var index = 0;
        foreach (var name in names ?? [])
        {
            var type = (string.IsNullOrWhiteSpace(name) ? null : registry.FindByName(name.Trim()) ?? registry.FindByEndpoint(name.Trim()))
                ?? throw ScimException.InvalidValue(
                    $"{Item(field, index)}: '{name}' is not a resource type of this service ({string.Join(", ", registry.ResourceTypes.Select(t => t.Name))}).");
            if (!types.Contains(type.Name))
            {
                types.Add(type.Name);
            }

            index++;
        }

        return types;
    }

    /// <summary>Operations by name; empty means every operation.</summary>
    public static IReadOnlyList<ChangeOperation> ValidateOperations(IEnumerable<string?>? names, string field = "operations")
    {
        var operations = new List<ChangeOperation>();
        var index = 0;
        foreach (var name in names ?? [])
        {
            if (!ChangeOperationNames.TryParse(name?.Trim(), out var operation))
            {
                throw ScimException.InvalidValue(
                    $"{Item(field, index)}: '{name}' is not an operation ({string.Join(", ", ChangeOperationNames.All)}).");
            }

            if (!operations.Contains(operation))
            {
                operations.Add(operation);
            }

            index++;
        }

        return operations;
    }

    /// <summary>The largest batch a subscription may ask for: a few hundred kilobytes of events without values.</summary>
    public const int LargestBatch = 1000;

    /// <summary>How many events one request may carry: 1 (the default) to <see cref="LargestBatch"/>.</summary>
    public static int ValidateMaxBatchSize(long? size, string field = "maxBatchSize") =>
        size switch
        {
            null => 1,
            >= 1 and <= LargestBatch => (int)size.Value,
            _ => throw ScimException.InvalidValue(
                $"{field}: {size} is not a batch size; 1 sends one event per request, up to {LargestBatch} sends the waiting events together."),
        };

    public static string ValidateSecret(string? secret, string field = "secret") =>
        WebhookSignature.TryDecodeSecret(secret, out _) && secret!.StartsWith(WebhookSignature.SecretPrefix, StringComparison.Ordinal)
            ? secret
            : throw ScimException.InvalidValue($"{field}: a webhook secret is 'whsec_' followed by the base64 of 24 to 64 random bytes.");

    // A JSON field's item is field[1]; a configuration key's is Key:1.
    private static string Item(string field, int index) => field.Contains(':', StringComparison.Ordinal) ? $"{field}:{index}" : $"{field}[{index}]";

    private static bool IsLoopbackHost(Uri url) =>
        url.IsLoopback || string.Equals(url.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}

/// <summary>
/// What URLs a deployment accepts: the networks delivery may reach, and whether plain HTTP to a loopback host is
/// accepted (the Development environment only).
/// </summary>
public sealed record UrlPolicy(NetworkAddresses Addresses, bool AllowPlainHttpToLoopback);
