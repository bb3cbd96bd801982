using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Core.Versioning;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    [Fact]
    public async Task Query_EveryFilterOfTheParityTable_ReturnsExactlyWhatTheInMemoryEvaluatorAccepts()
    {
        var users = await LoadParityDatasetAsync();
        var groups = await ReadAllAsJsonAsync(FilterParityDataset.GroupType);
        var cases = FilterParityCases.UserFilters.Select(f => (FilterParityDataset.UserType, f, users))
            .Concat(FilterParityCases.GroupFilters.Select(f => (FilterParityDataset.GroupType, f, groups)))
            .ToList();

        var mismatches = new List<string>();
        var selective = 0;
        foreach (var (type, text, resources) in cases)
        {
            var filter = FilterParser.Parse(text);
            var expected = resources.Where(r => FilterEvaluator.Matches(filter, r.Json, type)).Select(r => r.Id).Order(StringComparer.Ordinal).ToArray();
            var result = await Store.QueryAsync(new ResourceQuery(Tenant, type, filter, null, new(1, 100), ReadOptions.DocumentOnly), Ct);
            var actual = result.Resources.Select(r => r.Id).Order(StringComparer.Ordinal).ToArray();
            if (!expected.SequenceEqual(actual) || result.TotalResults != expected.Length)
            {
                mismatches.Add($"{type.Name} [{text}]: evaluator [{string.Join(", ", expected)}], store [{string.Join(", ", actual)}] total {result.TotalResults}");
            }

            selective += expected.Length > 0 && expected.Length < resources.Count ? 1 : 0;
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
        Assert.True(cases.Count >= 100, $"The parity table has {cases.Count} filters.");
        Assert.True(selective * 10 >= cases.Count * 6, $"Only {selective} of {cases.Count} filters select a proper subset of the dataset.");
    }

    [Theory]
    [InlineData("password eq \"secret\"")]
    [InlineData("nosuchattribute eq \"x\"")]
    [InlineData("active gt true")]
    [InlineData("loginCount co \"4\"")]
    [InlineData("avatar sw \"a\"")]
    [InlineData("meta.created gt \"yesterday\"")]
    [InlineData("name eq \"x\"")]
    [InlineData("userName gt null")]
    [InlineData("emails[nosuchsub eq \"x\"]")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User pr")]
    [InlineData("userName[value eq \"x\"]")]
    public async Task Query_AFilterTheEvaluatorRejects_IsRejectedAlikeByTheStore(string text)
    {
        var filter = FilterParser.Parse(text);
        var evaluatorError = Assert.Throws<ScimException>(() => FilterEvaluator.Matches(filter, [], FilterParityDataset.UserType));

        var storeError = await ScimErrorAsync(() =>
            Store.QueryAsync(new ResourceQuery(Tenant, FilterParityDataset.UserType, filter, null, new(1, 10), ReadOptions.DocumentOnly), Ct));

        Assert.Equal(evaluatorError.Status, storeError.Status);
        Assert.Equal(evaluatorError.ScimType, storeError.ScimType);
        Assert.Equal(evaluatorError.Detail, storeError.Detail);
    }

    /// <summary>Stores the dataset, then returns each user as the evaluator sees it (document, id, meta, groups).</summary>
    private async Task<List<(string Id, JsonObject Json)>> LoadParityDatasetAsync()
    {
        var userType = FilterParityDataset.UserType;
        foreach (var (id, json) in FilterParityDataset.Users)
        {
            await Store.CreateAsync(new ResourceWrite(new(Tenant, userType, id), FilterParityDataset.Parse(json), NextInstant(), []), Ct);
        }

        foreach (var (id, displayName, externalId, members) in FilterParityDataset.Groups)
        {
            var document = GroupDocument(displayName);
            if (externalId is not null)
            {
                document["externalId"] = externalId;
            }

            await Store.CreateAsync(new ResourceWrite(GroupKey(id), document, NextInstant(), members), Ct);
        }

        var laterByAnHour = T0.AddHours(2);
        await Store.UpdateAsync(new ResourceUpdate(new(Tenant, userType, "u10"), FilterParityDataset.Parse(FilterParityDataset.UpdatedDave), null, laterByAnHour), 1, Ct);
        await Store.UpdateAsync(new ResourceUpdate(GroupKey("g2"), null, new MembershipDelta(false, ["u2"], [Member("u9")]), laterByAnHour), 1, Ct);

        // Entra writes the same key in another tenant: nothing of it may leak into the results.
        await Store.CreateAsync(new ResourceWrite(new(OtherTenant, userType, "u1"), FilterParityDataset.Parse(FilterParityDataset.Users[0].Json), NextInstant(), []), Ct);
        await Store.CreateAsync(new ResourceWrite(GroupKey("g1", OtherTenant), GroupDocument("Tour Guides"), NextInstant(), [Member("u1")]), Ct);

        return await ReadAllAsJsonAsync(userType);
    }

    private async Task<List<(string Id, JsonObject Json)>> ReadAllAsJsonAsync(ResourceTypeDefinition type)
    {
        var all = await Store.QueryAsync(new ResourceQuery(Tenant, type, null, null, new(1, 1000), ReadOptions.Everything), Ct);
        return [.. all.Resources.Select(r => (r.Id, AsScimJson(r, type)))];
    }

    private static JsonObject AsScimJson(StoredResource resource, ResourceTypeDefinition type)
    {
        var json = (JsonObject)resource.Document.DeepClone();
        json["id"] = resource.Id;
        json["meta"] = new JsonObject
        {
            ["resourceType"] = type.Name,
            ["created"] = resource.Created.ToString("o"),
            ["lastModified"] = resource.LastModified.ToString("o"),
            ["version"] = EntityTag.Format(resource.Version),
        };
        return json;
    }
}
