using System.Globalization;
using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Errors;

/// <summary>The SCIM error response body (RFC 7644 §3.12): <c>status</c> is a string, <c>scimType</c> only when defined.</summary>
public static class ScimErrorBody
{
    public static JsonObject Create(int status, string? scimType, string detail)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaIds.Error),
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
        };
        if (scimType is not null)
        {
            body["scimType"] = scimType;
        }

        body["detail"] = detail;
        return body;
    }

    public static JsonObject From(ScimException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Create(exception.Status, exception.ScimType, exception.Detail);
    }
}
