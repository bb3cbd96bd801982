using System.Text.Json.Nodes;

namespace Scim.Api.Application;

/// <summary>A resource as the API returns it: the projected representation, its version and absolute location.</summary>
public sealed record ResourceResult(JsonObject Representation, long Version, string Location);
