using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scim.Api.Application;
using Scim.Api.Application.Audit;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Application;

/// <summary>
/// A member PATCH answered with 204 must never read the group's member list: that read made the cost of adding one
/// member grow with the size of the group (found by the benchmark, docs/benchmarks.md).
/// </summary>
public sealed class PatchReadBackTests : IAsyncLifetime
{
    private TemporarySqliteStore _sqlite = null!;
    private RecordingStore _store = null!;
    private ResourcePipeline _pipeline = null!;

    public async ValueTask InitializeAsync()
    {
        _sqlite = await TemporarySqliteStore.OpenAsync();
        _store = new RecordingStore(_sqlite.Store);
        _pipeline = TestPipelines.Over(_store);
    }

    public ValueTask DisposeAsync() => _sqlite.DisposeAsync();

    private static readonly RequestScope Scope = new("t", "test", "https://scim.example/scim/v2");

    private static JsonNode AddMember(string id) => JsonNode.Parse($$"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{id}}"}]}]}
        """)!;

    [Fact]
    public async Task MemberPatch_WithoutRepresentation_ReadsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var group = await _pipeline.CreateAsync(
            Scope, BuiltInSchemas.GroupResourceType, JsonNode.Parse("""{"displayName":"g","members":[{"value":"a"},{"value":"b"}]}"""), AttributeSelection.Default, ct);
        var id = group.Representation["id"]!.GetValue<string>();
        _store.Reads.Clear();

        var result = await _pipeline.PatchAsync(
            Scope, BuiltInSchemas.GroupResourceType, id, AddMember("c"), null, AttributeSelection.Default, ct, representationWanted: false);

        Assert.Equal(2, result.Version);
        Assert.Empty(_store.Reads);
    }

    [Fact]
    public async Task MemberPatch_WithRepresentation_ReturnsTheMembers()
    {
        var ct = TestContext.Current.CancellationToken;
        var group = await _pipeline.CreateAsync(
            Scope, BuiltInSchemas.GroupResourceType, JsonNode.Parse("""{"displayName":"h","members":[{"value":"a"}]}"""), AttributeSelection.Default, ct);
        var id = group.Representation["id"]!.GetValue<string>();

        var result = await _pipeline.PatchAsync(Scope, BuiltInSchemas.GroupResourceType, id, AddMember("b"), null, AttributeSelection.Default, ct);

        var members = result.Representation["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).Order();
        Assert.Equal(["a", "b"], members);
    }

    [Fact]
    public async Task Create_WithoutMembers_ReadsNothingBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _pipeline.CreateAsync(Scope, BuiltInSchemas.UserResourceType, JsonNode.Parse("""{"userName":"new"}"""), AttributeSelection.Default, ct);

        Assert.Equal("new", user.Representation["userName"]!.GetValue<string>());
        Assert.Null(user.Representation["groups"]);
        Assert.Empty(_store.Reads);
    }

    private sealed class RecordingStore(IResourceStore inner) : DelegatingResourceStore(inner)
    {
        public ConcurrentQueue<ReadOptions> Reads { get; } = new();

        public override Task<StoredResource?> GetAsync(ResourceKey key, ReadOptions options, CancellationToken cancellationToken)
        {
            Reads.Enqueue(options);
            return base.GetAsync(key, options, cancellationToken);
        }
    }
}
