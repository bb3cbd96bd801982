using System.Text.Json.Nodes;

namespace Scim.Api.Core.Bulk;

/// <summary>
/// One operation of a bulk request (RFC 7644 §3.7), checked for shape but not yet resolved: <see cref="ResourceId"/>
/// may still be a <c>bulkId:</c> reference and <see cref="Data"/> may still hold them.
/// </summary>
/// <param name="Index">The 0-based position in the request's <c>Operations</c>.</param>
/// <param name="ResourcePath">The resource type endpoint the path names, as <c>/Users</c>.</param>
/// <param name="ResourceId">The id segment of a PUT, PATCH or DELETE path; null for a POST.</param>
/// <param name="Version">The <c>version</c> the client expects, as an If-Match value; null when absent.</param>
/// <param name="Data">The body of a POST, PUT or PATCH; null for a DELETE.</param>
public sealed record BulkOperation(
    int Index,
    BulkMethod Method,
    string ResourcePath,
    string? ResourceId,
    string? BulkId,
    string? Version,
    JsonObject? Data)
{
    /// <summary>Where the operation sits in the request, as error details name it.</summary>
    public string Name => $"Operations[{Index}]";

    public string MethodName => Method.ToString().ToUpperInvariant();

    /// <summary>Whether other operations can refer to this one with <c>bulkId:</c>: only resources a POST creates.</summary>
    public bool DefinesBulkId => Method == BulkMethod.Post && BulkId is not null;
}
