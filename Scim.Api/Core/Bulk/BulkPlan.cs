namespace Scim.Api.Core.Bulk;

public enum BulkStepKind
{
    /// <summary>Run the operation; for a POST with <see cref="BulkStep.Deferred"/> bulkIds, create without those references.</summary>
    Execute,

    /// <summary>PATCH the deferred references into the resource an earlier Execute step created.</summary>
    Complete,

    /// <summary>Fail the operation with 409: it is part of a circular reference that cannot be broken.</summary>
    Reject,
}

/// <summary>One step of a bulk plan, naming the operation by its index in the request.</summary>
public sealed record BulkStep(BulkStepKind Kind, int Operation, IReadOnlySet<string> Deferred, string? Detail = null);

/// <summary>The order in which a bulk request's operations run (see <see cref="BulkPlanner"/>).</summary>
public sealed record BulkPlan(IReadOnlyList<BulkStep> Steps);
