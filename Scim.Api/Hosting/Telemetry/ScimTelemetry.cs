using System.Diagnostics;

namespace Scim.Api.Hosting.Telemetry;

/// <summary>
/// The names under which the service reports: its ActivitySource and Meter (both "Scim"), and the attribute keys of
/// its spans and metrics. Attributes name what was done, to which type, for which tenant and with what outcome; they
/// never carry attribute values, filter text or credentials.
/// </summary>
public static class ScimTelemetry
{
    public const string ActivitySourceName = "Scim";
    public const string MeterName = Application.PatchMetrics.MeterName;

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(ScimTelemetry).Assembly.GetName().Version?.ToString());
}

/// <summary>Attribute keys shared by spans and metrics.</summary>
public static class ScimAttributes
{
    public const string ResourceType = "scim.resource_type";
    public const string Operation = "scim.operation";
    public const string Tenant = "scim.tenant";
    public const string StatusCode = "http.response.status_code";
    public const string ErrorType = "error.type";
    public const string Store = "scim.store";
    public const string StoreOperation = "scim.store.operation";
    public const string StoreOutcome = "scim.store.outcome";
    public const string PatchOp = "scim.patch.op";
    public const string Results = "scim.results";
    public const string MembersAdded = "scim.members.added";
    public const string MembersRemoved = "scim.members.removed";
}
