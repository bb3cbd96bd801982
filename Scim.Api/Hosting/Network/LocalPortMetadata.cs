namespace Scim.Api.Hosting.Network;

/// <summary>Marks an endpoint served only to connections that arrived on this local port of the server.</summary>
public sealed record LocalPortMetadata(int Port);
