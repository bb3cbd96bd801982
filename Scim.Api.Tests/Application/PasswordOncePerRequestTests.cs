using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scim.Api.Application;
using Scim.Api.Application.Audit;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Application;

/// <summary>
/// A PATCH that loses its compare-and-swap decides again on the new version, but hashes the new password once: a hash
/// costs a core for tens of milliseconds, and contention must not multiply it.
/// </summary>
public sealed class PasswordOncePerRequestTests : IAsyncLifetime
{
    private TemporarySqliteStore _sqlite = null!;

    public async ValueTask InitializeAsync() => _sqlite = await TemporarySqliteStore.OpenAsync();

    public ValueTask DisposeAsync() => _sqlite.DisposeAsync();

    [Fact]
    public async Task APatchRetriedAfterLostCompareAndSwaps_HashesItsPasswordOnce()
    {
        var hashes = 0;
        using var passwords = new PasswordHashing(1, password =>
        {
            Interlocked.Increment(ref hashes);
            return "$hashed$" + password.Length;
        });
        var store = new LosingTwice(_sqlite.Store);
        var pipeline = TestPipelines.Over(store, passwords: passwords);
        var scope = new RequestScope("t", "test", "https://scim.example/scim/v2");
        var user = await pipeline.CreateAsync(scope, BuiltInSchemas.UserResourceType,
            JsonNode.Parse("""{"userName":"alice"}"""), AttributeSelection.Default, TestContext.Current.CancellationToken);
        var id = (string)user.Representation["id"]!;

        await pipeline.PatchAsync(scope, BuiltInSchemas.UserResourceType, id,
            JsonNode.Parse("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"password","value":"n3w-secret"}]}"""),
            null, AttributeSelection.Default, TestContext.Current.CancellationToken, representationWanted: false);

        Assert.Equal(3, store.Updates);
        Assert.Equal(1, hashes);
    }

    private sealed class LosingTwice(IResourceStore inner) : DelegatingResourceStore(inner)
    {
        public int Updates { get; private set; }

        public override Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, CancellationToken cancellationToken) =>
            ++Updates <= 2
                ? throw ScimException.PreconditionFailed("Another write came first.")
                : base.UpdateAsync(update, expectedVersion, cancellationToken);
    }
}
