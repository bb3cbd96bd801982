using Scim.Api.Core.Storage;

namespace Scim.Api.Core.Patch;

/// <summary>
/// How to carry out a PATCH on a resource with members: <see cref="DocumentOperations"/> go through
/// <see cref="PatchEngine"/> on the stored document, <see cref="Members"/> (null when no operation touched
/// members) goes to the store as a delta. When <see cref="NeedsCurrentMembers"/> is true, some member operation
/// depends on the current member list: <see cref="DocumentOperations"/> is then the whole request, to be applied
/// to the document with its members loaded, and <see cref="MembershipDiff"/> gives the delta.
/// </summary>
public sealed record MembershipPatchPlan(PatchRequest DocumentOperations, MembershipDelta? Members, bool NeedsCurrentMembers);
