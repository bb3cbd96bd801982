namespace Scim.Api.Core.Schema;

/// <summary>An extension schema attached to a resource type (RFC 7643 §6 <c>schemaExtensions</c>).</summary>
public sealed record SchemaExtension(SchemaDefinition Schema, bool Required);
