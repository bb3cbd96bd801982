using System.Text.Json.Nodes;
using Scim.Api.Core.Paths;

namespace Scim.Api.Core.Patch;

/// <summary>
/// One PATCH operation (RFC 7644 §3.5.2): the op, the optional target path and the optional value.
/// The value is owned by the operation (it has no parent node) and is never modified by the engine.
/// </summary>
public sealed record PatchOperation(PatchOperationType Op, ScimPath? Path, JsonNode? Value);
