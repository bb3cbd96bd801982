namespace Scim.Bench.Scenarios;

internal sealed record SeededUser(string Id, string UserName, string ExternalId);
