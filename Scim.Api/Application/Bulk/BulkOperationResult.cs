using System.Globalization;
using System.Text.Json.Nodes;
using Scim.Api.Core.Bulk;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Versioning;

namespace Scim.Api.Application.Bulk;

/// <summary>
/// The outcome of one bulk operation (RFC 7644 §3.7.3): the status a single request would have had, as a string;
/// the location of the resource (absent only for a failed POST); its version; the SCIM error body on failure.
/// </summary>
internal sealed record BulkOperationResult(BulkOperation Operation, int Status, string? Location, long? Version, ScimException? Error)
{
    public bool Failed => Error is not null;

    public static BulkOperationResult Success(BulkOperation operation, int status, string location, long? version) =>
        new(operation, status, location, version, null);

    public static BulkOperationResult Failure(BulkOperation operation, ScimException error, string? location) =>
        new(operation, error.Status, location, null, error);

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["method"] = Operation.MethodName };
        if (Operation.BulkId is { } bulkId)
        {
            json["bulkId"] = bulkId;
        }

        if (Location is not null)
        {
            json["location"] = Location;
        }

        if (Version is { } version)
        {
            json["version"] = EntityTag.Format(version);
        }

        json["status"] = Status.ToString(CultureInfo.InvariantCulture);
        if (Error is not null)
        {
            json["response"] = ScimErrorBody.From(Error);
        }

        return json;
    }
}
