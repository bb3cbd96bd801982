using System.Text.Json.Serialization;

namespace Scim.Api.Storage.Sqlite;

/// <summary>Source-generated JSON for the id lists the store passes to SQLite as one parameter.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<long>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
