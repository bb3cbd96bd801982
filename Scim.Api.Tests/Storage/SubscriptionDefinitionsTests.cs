using System.Text.Json.Nodes;
using Scim.Api.Storage;

namespace Scim.Api.Tests.Storage;

public sealed class SubscriptionDefinitionsTests
{
    [Fact]
    public void ADefinitionStoredBeforeBatchesExisted_ReadsAsOneEventPerRequest()
    {
        var stored = JsonNode.Parse("""
            {"url":"https://hooks.example.com/x","secrets":[{"value":"whsec_AAAA","expiresAt":null}],"resourceTypes":[],"operations":[],"includeValues":false}
            """)!.AsObject();

        var definition = SubscriptionDefinitions.FromJson("t", "s", fromConfiguration: false, stored);

        Assert.Equal(1, definition.MaxBatchSize);
        Assert.False(definition.Batched);
    }
}
