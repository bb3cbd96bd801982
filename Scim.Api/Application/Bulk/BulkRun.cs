using System.Data.Common;
using System.Text.Json.Nodes;
using Scim.Api.Core.Bulk;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Validation;
using Scim.Api.Core.Versioning;

namespace Scim.Api.Application.Bulk;

/// <summary>
/// One bulk request while it runs: the ids its POSTs created, the results so far and the error count that
/// <c>failOnErrors</c> watches. Each operation is one pipeline call, so a failed one writes nothing; the only
/// operation that takes two writes is a POST whose circular references are added afterwards, and if that second
/// write cannot be made the resource is deleted again and the POST reported failed.
/// </summary>
internal sealed class BulkRun(ResourcePipeline pipeline, SchemaRegistry registry, RequestScope scope, BulkRequest request)
{
    // Stands in for references not created yet while the whole body of a deferred POST is validated.
    private const string PlaceholderId = "00000000-0000-0000-0000-000000000000";

    private readonly BulkIdTable _ids = new(request.Operations);
    private readonly BulkOperationResult?[] _results = new BulkOperationResult?[request.Operations.Count];
    private readonly Dictionary<int, AwaitingCompletion> _awaitingCompletion = [];
    private int _errors;

    private sealed record AwaitingCompletion(ResourceTypeDefinition Type, string Id, string Location, JsonObject Completion, IReadOnlySet<string> Deferred);

    /// <summary>The results of the processed operations, in the order of the request.</summary>
    public IEnumerable<BulkOperationResult> Results => _results.OfType<BulkOperationResult>();

    public async Task RunAsync(BulkPlan plan, CancellationToken cancellationToken)
    {
        foreach (var step in plan.Steps)
        {
            var operation = request.Operations[step.Operation];
            var result = step.Kind switch
            {
                BulkStepKind.Execute => await ExecuteAsync(operation, step.Deferred, cancellationToken),
                BulkStepKind.Complete => await CompleteAsync(operation, cancellationToken),
                _ => BulkOperationResult.Failure(operation, BulkIdTable.Unresolvable(step.Detail ?? "Circular bulkId reference."), null),
            };

            // RFC 7644 §3.7.3: after failOnErrors errors, the rest is not processed and not reported.
            if (result is not null && Record(result) && request.FailOnErrors is { } limit && _errors >= limit)
            {
                await SettleAfterStopAsync(cancellationToken);
                return;
            }
        }
    }

    private async Task<BulkOperationResult?> ExecuteAsync(BulkOperation operation, IReadOnlySet<string> deferred, CancellationToken cancellationToken)
    {
        string? location = null;
        try
        {
            var type = registry.FindByEndpoint(operation.ResourcePath)
                ?? throw ScimException.NotFound($"No resource type is served at '{operation.ResourcePath}'.");
            if (operation.Method == BulkMethod.Post)
            {
                return await CreateAsync(operation, type, deferred, cancellationToken);
            }

            var id = BulkReferences.ResolveId(operation.ResourceId!, _ids.Resolve);
            location = ResourceRepresentation.LocationOf(type, scope.BaseUrl, id);
            var ifMatch = EntityTagCondition.Parse(operation.Version);
            switch (operation.Method)
            {
                case BulkMethod.Put:
                    var replaced = await pipeline.ReplaceAsync(
                        scope, type, id, ResolvedData(operation), ifMatch, AttributeSelection.Default, cancellationToken);
                    return BulkOperationResult.Success(operation, 200, replaced.Location, replaced.Version);
                case BulkMethod.Patch:
                    var patched = await pipeline.PatchAsync(
                        scope, type, id, ResolvedData(operation), ifMatch, AttributeSelection.Default, cancellationToken, representationWanted: false);
                    return BulkOperationResult.Success(operation, 204, patched.Location, patched.Version);
                default:
                    await pipeline.DeleteAsync(scope, type, id, ifMatch, cancellationToken);
                    return BulkOperationResult.Success(operation, 204, location, null);
            }
        }
        catch (Exception error) when (ErrorClassification.ForClient(error) is { } failure)
        {
            return BulkOperationResult.Failure(operation, failure, location);
        }
    }

    private async Task<BulkOperationResult?> CreateAsync(
        BulkOperation operation, ResourceTypeDefinition type, IReadOnlySet<string> deferred, CancellationToken cancellationToken)
    {
        if (deferred.Count == 0)
        {
            var created = await pipeline.CreateAsync(scope, type, ResolvedData(operation), AttributeSelection.Default, cancellationToken);
            _ids.Created(operation.BulkId!, IdOf(created));
            return BulkOperationResult.Success(operation, 201, created.Location, created.Version);
        }

        // RFC 7644 §3.7.1: create without the circular references and PATCH them in once their resources exist. The
        // whole body is validated first, so the PATCH cannot fail on a value the client sent.
        var probe = BulkReferences.Resolve(operation.Data!, false, bulkId => deferred.Contains(bulkId) ? PlaceholderId : _ids.Resolve(bulkId));
        ResourceValidator.ValidateForWrite(ResourceNormalizer.Normalize(probe, type), type);
        var split = BulkDeferral.Split(operation.Data!, deferred);
        var partial = await pipeline.CreateAsync(
            scope, type, BulkReferences.Resolve(split.Create, false, _ids.Resolve), AttributeSelection.Default, cancellationToken);
        var id = IdOf(partial);
        _ids.Created(operation.BulkId!, id);
        _awaitingCompletion[operation.Index] = new AwaitingCompletion(type, id, partial.Location, split.Completion, deferred);
        return null;
    }

    private async Task<BulkOperationResult?> CompleteAsync(BulkOperation operation, CancellationToken cancellationToken)
    {
        // Nothing to complete when the create itself failed (and was reported).
        if (!_awaitingCompletion.Remove(operation.Index, out var awaiting))
        {
            return null;
        }

        ScimException failure;
        try
        {
            var patch = BulkReferences.Resolve(awaiting.Completion, true, _ids.Resolve);
            var completed = await pipeline.PatchAsync(
                scope, awaiting.Type, awaiting.Id, patch, null, AttributeSelection.Default, cancellationToken, representationWanted: false);
            return BulkOperationResult.Success(operation, 201, completed.Location, completed.Version);
        }
        catch (Exception error) when (ErrorClassification.ForClient(error) is { } classified)
        {
            failure = classified;
        }

        if (!await TryRollBackAsync(awaiting, cancellationToken))
        {
            failure = new ScimException(failure.Status, failure.ScimType,
                $"{failure.Detail} The resource created for this POST could not be removed again; delete {awaiting.Location}.");
        }

        return BulkOperationResult.Failure(operation, failure, null);
    }

    /// <summary>
    /// After failOnErrors stopped the run: a POST created without its circular references is finished when every
    /// resource it refers to has been processed, and otherwise deleted again and left out of the response, as not
    /// processed.
    /// </summary>
    private async Task SettleAfterStopAsync(CancellationToken cancellationToken)
    {
        bool withdrew;
        do
        {
            withdrew = false;
            foreach (var (index, awaiting) in _awaitingCompletion.OrderBy(a => a.Key).ToList())
            {
                if (awaiting.Deferred.All(_ids.IsSettled))
                {
                    continue;
                }

                _awaitingCompletion.Remove(index);
                await TryRollBackAsync(awaiting, cancellationToken);
                _ids.Withdraw(request.Operations[index].BulkId!);
                withdrew = true;
            }
        }
        while (withdrew);

        foreach (var index in _awaitingCompletion.Keys.Order().ToList())
        {
            if (await CompleteAsync(request.Operations[index], cancellationToken) is { } result)
            {
                Record(result);
            }
        }
    }

    private async Task<bool> TryRollBackAsync(AwaitingCompletion awaiting, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.DeleteAsync(scope, awaiting.Type, awaiting.Id, null, cancellationToken);
            return true;
        }
        catch (ScimException error) when (error.Status == 404)
        {
            return true;
        }
        catch (Exception error) when (ErrorClassification.ForClient(error) is not null)
        {
            return false;
        }
    }

    /// <summary>Keeps the result; true when it is a failure, which also makes its bulkId unresolvable.</summary>
    private bool Record(BulkOperationResult result)
    {
        _results[result.Operation.Index] = result;
        if (!result.Failed)
        {
            return false;
        }

        _errors++;
        if (result.Operation.DefinesBulkId)
        {
            _ids.Failed(result.Operation.BulkId!);
        }

        return true;
    }

    private JsonObject ResolvedData(BulkOperation operation) =>
        BulkReferences.Resolve(operation.Data!, operation.Method == BulkMethod.Patch, _ids.Resolve);

    private static string IdOf(ResourceResult result) =>
        result.Representation[CommonAttributes.Id]?.GetValue<string>()
        ?? throw new InvalidOperationException("A created resource has no id.");

}
