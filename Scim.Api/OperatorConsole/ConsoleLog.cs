namespace Scim.Api.OperatorConsole;

/// <summary>What operators do through the console that the audit trail does not record (it records resources only).</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Operator {Operator} resumed webhook subscription {Subscription} of tenant {Tenant}")]
    public static partial void SubscriptionResumed(ILogger logger, string tenant, string subscription, string @operator);
}
