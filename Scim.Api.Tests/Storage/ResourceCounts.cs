using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage;

namespace Scim.Api.Tests.Storage;

/// <summary>The data every store's <see cref="IResourceCounter"/> is checked against: three users and a group in one tenant, a user in another.</summary>
internal static class ResourceCounts
{
    public static IReadOnlyList<ResourceCount> Expected { get; } =
    [
        new("counted-a", "Group", 1),
        new("counted-a", "User", 3),
        new("counted-b", "User", 1),
    ];

    public static async Task WriteAsync(IResourceStore store)
    {
        foreach (var (tenant, type, count) in Expected.Select(e => (e.Tenant, e.ResourceType, e.Count)))
        {
            var definition = type == "User" ? BuiltInSchemas.UserResourceType : BuiltInSchemas.GroupResourceType;
            for (var index = 0; index < count; index++)
            {
                var name = $"{tenant}-{type}-{index}";
                var document = type == "User" ? new JsonObject { ["userName"] = name } : new JsonObject { ["displayName"] = name };
                await store.CreateAsync(
                    new ResourceWrite(new ResourceKey(tenant, definition, Guid.NewGuid().ToString()), document, DateTimeOffset.UtcNow, []),
                    TestContext.Current.CancellationToken);
            }
        }
    }

    public static IReadOnlyList<ResourceCount> Ordered(IEnumerable<ResourceCount> counts) =>
        [.. counts.OrderBy(c => c.Tenant, StringComparer.Ordinal).ThenBy(c => c.ResourceType, StringComparer.Ordinal)];
}
