using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Scim.Api.Application.Events;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;

namespace Scim.Api.Endpoints;

/// <summary>
/// The admin API's change events and webhook subscriptions, under <c>/admin/v1/tenants/{tenant}</c>: the events after
/// a position (pull, catch-up, replay by reading), and the subscriptions: create (the answer is the only place its
/// secret is ever shown), list, read (with how far delivery is and its last error), replace, delete, resume, replay
/// from a position, and rotate the secret. Bad input is 400 with the SCIM error body, its detail naming the field.
/// </summary>
internal static class EventAdminEndpoints
{
    private const int DefaultEventCount = 100;
    private const int MaxEventCount = 1000;

    public static RouteGroupBuilder MapEventAdmin(this RouteGroupBuilder admin)
    {
        var tenant = admin.MapGroup("/tenants/{tenant}");
        tenant.MapGet("/events", ReadEventsAsync);
        tenant.MapGet("/subscriptions", ListAsync);
        tenant.MapPost("/subscriptions", CreateAsync);
        tenant.MapGet("/subscriptions/{id}", GetAsync);
        tenant.MapPut("/subscriptions/{id}", ReplaceAsync);
        tenant.MapDelete("/subscriptions/{id}", DeleteAsync);
        tenant.MapPost("/subscriptions/{id}/resume", ResumeAsync);
        tenant.MapPost("/subscriptions/{id}/replay", ReplayAsync);
        tenant.MapPost("/subscriptions/{id}/secret", RotateSecretAsync);
        return admin;
    }

    private static async Task<IResult> ReadEventsAsync(
        string tenant, [FromQuery(Name = "after")] string? after, [FromQuery(Name = "count")] string? count,
        SubscriptionAdministration administration, CancellationToken cancellationToken)
    {
        var afterPosition = Number(after, "after", 0);
        var size = (int)Math.Clamp(Number(count, "count", DefaultEventCount), 0, MaxEventCount);
        var page = await administration.EventsAsync(tenant, afterPosition, size, cancellationToken);
        return Results.Json(new JsonObject
        {
            ["tenant"] = tenant,
            ["after"] = afterPosition,
            ["lastPosition"] = page.LastPosition,
            ["next"] = page.Events.Count > 0 ? page.Events[^1].Position : afterPosition,
            ["events"] = new JsonArray([.. page.Events.Select(ToJson)]),
        });
    }

    private static async Task<IResult> ListAsync(string tenant, SubscriptionAdministration administration, CancellationToken cancellationToken)
    {
        var subscriptions = await administration.ListAsync(tenant, cancellationToken);
        var last = await administration.LastPositionAsync(tenant, cancellationToken);
        return Results.Json(new JsonObject
        {
            ["totalResults"] = subscriptions.Count,
            ["subscriptions"] = new JsonArray([.. subscriptions.Select(s => (JsonNode)ToJson(s, last))]),
        });
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, string tenant, SubscriptionAdministration administration, CancellationToken cancellationToken)
    {
        var input = Input(await ScimRequestBody.ReadAsync(context));
        var (created, secret) = await administration.CreateAsync(tenant, input, cancellationToken);
        var body = ToJson(created, created.State.Cursor);
        body["secret"] = secret;
        return new LocatedResult(Results.Json(body, statusCode: StatusCodes.Status201Created), PathOf(tenant, created.Definition.Id));
    }

    private static async Task<IResult> GetAsync(string tenant, string id, SubscriptionAdministration administration, CancellationToken cancellationToken)
    {
        var subscription = await administration.GetAsync(tenant, id, cancellationToken);
        return Results.Json(ToJson(subscription, await administration.LastPositionAsync(tenant, cancellationToken)));
    }

    private static async Task<IResult> ReplaceAsync(
        HttpContext context, string tenant, string id, SubscriptionAdministration administration, CancellationToken cancellationToken)
    {
        var replaced = await administration.ReplaceAsync(tenant, id, Input(await ScimRequestBody.ReadAsync(context)), cancellationToken);
        return Results.Json(ToJson(replaced, await administration.LastPositionAsync(tenant, cancellationToken)));
    }

    private static async Task<IResult> DeleteAsync(string tenant, string id, SubscriptionAdministration administration, CancellationToken cancellationToken)
    {
        await administration.DeleteAsync(tenant, id, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> ResumeAsync(string tenant, string id, SubscriptionAdministration administration, CancellationToken cancellationToken)
    {
        var resumed = await administration.ResumeAsync(tenant, id, cancellationToken);
        return Results.Json(ToJson(resumed, await administration.LastPositionAsync(tenant, cancellationToken)));
    }

    private static async Task<IResult> ReplayAsync(
        HttpContext context, string tenant, string id, SubscriptionAdministration administration, CancellationToken cancellationToken)
    {
        var body = await ScimRequestBody.ReadAsync(context) as JsonObject
            ?? throw ScimException.InvalidSyntax("The body must be a JSON object such as {\"fromPosition\": 1}.");
        var from = body["fromPosition"] is JsonValue value && value.TryGetValue<long>(out var position)
            ? position
            : throw ScimException.InvalidValue("fromPosition: the position to deliver again from, a whole number (1 for the oldest event kept).");
        var replayed = await administration.ReplayAsync(tenant, id, from, cancellationToken);
        return Results.Json(ToJson(replayed, await administration.LastPositionAsync(tenant, cancellationToken)));
    }

    private static async Task<IResult> RotateSecretAsync(string tenant, string id, SubscriptionAdministration administration, CancellationToken cancellationToken)
    {
        var (rotated, secret) = await administration.RotateSecretAsync(tenant, id, cancellationToken);
        var body = ToJson(rotated, await administration.LastPositionAsync(tenant, cancellationToken));
        body["secret"] = secret;
        return Results.Json(body);
    }

    private static SubscriptionInput Input(JsonNode? body)
    {
        var json = body as JsonObject ?? throw ScimException.InvalidSyntax("The body must be a JSON object describing the subscription.");
        var known = new HashSet<string>(StringComparer.Ordinal) { "id", "url", "resourceTypes", "operations", "includeValues", "maxBatchSize" };
        if (json.Select(p => p.Key).FirstOrDefault(key => !known.Contains(key)) is { } unknown)
        {
            throw ScimException.InvalidValue($"{unknown}: not a field of a subscription ({string.Join(", ", known)}).");
        }

        return new SubscriptionInput(
            Text(json, "id"),
            Text(json, "url"),
            Texts(json, "resourceTypes"),
            Texts(json, "operations"),
            json["includeValues"] switch
            {
                null => false,
                JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
                _ => throw ScimException.InvalidValue("includeValues: true or false."),
            },
            json["maxBatchSize"] switch
            {
                null => null,
                JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var size) => size,
                _ => throw ScimException.InvalidValue($"maxBatchSize: a whole number from 1 to {SubscriptionRules.LargestBatch}."),
            });
    }

    private static string? Text(JsonObject json, string field) => json[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw ScimException.InvalidValue($"{field}: a string."),
    };

    private static List<string?>? Texts(JsonObject json, string field) => json[field] switch
    {
        null => null,
        JsonArray array => [.. array.Select((item, i) => item is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw ScimException.InvalidValue($"{field}[{i}]: a string."))],
        _ => throw ScimException.InvalidValue($"{field}: an array of strings."),
    };

    private static long Number(string? text, string parameter, long fallback) =>
        string.IsNullOrWhiteSpace(text)
            ? fallback
            : long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw ScimException.InvalidValue($"{parameter}: '{text}' is not a whole number of at least 0.");

    private static string PathOf(string tenant, string id) =>
        $"{AdminEndpoints.BasePath}/tenants/{Uri.EscapeDataString(tenant)}/subscriptions/{Uri.EscapeDataString(id)}";

    private static JsonNode ToJson(ChangeEvent change)
    {
        var json = new JsonObject
        {
            ["position"] = change.Position,
            ["resourceType"] = change.ResourceType,
            ["id"] = change.ResourceId,
            ["operation"] = ChangeOperationNames.Of(change.Operation),
            ["version"] = change.Version,
            ["at"] = RoundTripTime.Format(change.At),
            ["changedAttributes"] = Names(change.ChangedAttributes),
            ["membersAdded"] = Names(change.MembersAdded),
            ["membersRemoved"] = Names(change.MembersRemoved),
        };
        if (change.Values is not null)
        {
            json["values"] = change.Values.DeepClone();
        }

        return json;
    }

    // Never the secrets: only how many sign, and until when the rotated-out ones do.
    private static JsonObject ToJson(StoredSubscription subscription, long lastPosition)
    {
        var definition = subscription.Definition;
        var state = subscription.State;
        var path = PathOf(definition.Tenant, definition.Id);
        return new JsonObject
        {
            ["id"] = definition.Id,
            ["tenant"] = definition.Tenant,
            ["url"] = definition.Url.OriginalString,
            ["resourceTypes"] = Names(definition.ResourceTypes),
            ["operations"] = Names([.. definition.Operations.Select(ChangeOperationNames.Of)]),
            ["includeValues"] = definition.IncludeValues,
            ["maxBatchSize"] = definition.MaxBatchSize,
            ["definedIn"] = definition.FromConfiguration ? "configuration" : "api",
            ["created"] = RoundTripTime.Format(subscription.Created),
            ["secrets"] = new JsonArray([.. definition.Secrets.Select(secret => (JsonNode)new JsonObject
            {
                ["expiresAt"] = secret.ExpiresAt is { } expires ? RoundTripTime.Format(expires) : null,
            })]),
            ["status"] = state.Status == SubscriptionStatus.Suspended ? "suspended" : "active",
            ["deliveredThrough"] = state.Cursor,
            ["lastPosition"] = Math.Max(lastPosition, state.Cursor),
            ["pending"] = Math.Max(0, lastPosition - state.Cursor),
            ["failingSince"] = state.FailingSince is { } since ? RoundTripTime.Format(since) : null,
            ["lastError"] = state.LastError,
            ["deliveredBy"] = state.LeaseOwner,
            ["leaseUntil"] = state.LeaseUntil is { } until ? RoundTripTime.Format(until) : null,
            ["resume"] = $"{path}/resume",
            ["replay"] = $"{path}/replay",
        };
    }

    private static JsonArray Names(IReadOnlyList<string> names) => new([.. names.Select(name => (JsonNode)name)]);

    /// <summary>A result with a Location header (201 Created of a subscription).</summary>
    private sealed class LocatedResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
