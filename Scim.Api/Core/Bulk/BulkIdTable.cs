using Scim.Api.Core.Errors;

namespace Scim.Api.Core.Bulk;

/// <summary>
/// What each bulkId of a request stands for while the request runs: nothing yet, the id of the resource its POST
/// created, or a failure. Resolving a reference that has no id answers 409 (RFC 7644 §3.7.1 answers a reference the
/// service cannot resolve with 409 Conflict) naming why, so the client knows which operation to fix.
/// </summary>
public sealed class BulkIdTable
{
    private readonly Dictionary<string, BulkOperation> _definedBy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

    public BulkIdTable(IEnumerable<BulkOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var operation in operations)
        {
            if (operation.DefinesBulkId)
            {
                _definedBy[operation.BulkId!] = operation;
            }
        }
    }

    public void Created(string bulkId, string id)
    {
        _failed.Remove(bulkId);
        _ids[bulkId] = id;
    }

    public void Failed(string bulkId)
    {
        _ids.Remove(bulkId);
        _failed.Add(bulkId);
    }

    /// <summary>Back to "not processed": the resource was created and then rolled back without being reported.</summary>
    public void Withdraw(string bulkId)
    {
        _ids.Remove(bulkId);
        _failed.Remove(bulkId);
    }

    /// <summary>Whether the POST defining the bulkId has run (whatever its outcome), or no POST defines it.</summary>
    public bool IsSettled(string bulkId) => !_definedBy.ContainsKey(bulkId) || _ids.ContainsKey(bulkId) || _failed.Contains(bulkId);

    /// <summary>The id of the resource created for the bulkId; throws 409 when there is none.</summary>
    public string Resolve(string bulkId)
    {
        if (_ids.TryGetValue(bulkId, out var id))
        {
            return id;
        }

        if (!_definedBy.TryGetValue(bulkId, out var definer))
        {
            throw Unresolvable(
                $"'{BulkReferences.Prefix}{bulkId}' names no POST of this request; a bulkId reference must name the bulkId of a POST in the same bulk request (RFC 7644 §3.7.2).");
        }

        throw Unresolvable(_failed.Contains(bulkId)
            ? $"'{BulkReferences.Prefix}{bulkId}' cannot be resolved: {definer.Name}, the POST that defines it, failed."
            : $"'{BulkReferences.Prefix}{bulkId}' cannot be resolved: {definer.Name}, the POST that defines it, was not processed.");
    }

    public static ScimException Unresolvable(string detail) => new(409, ScimErrorType.InvalidValue, detail);
}
