using System.Text.Json.Nodes;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Core.Patch;

// Memberships are stored as ids, so every member a PATCH leaves must have one; MembershipPatchPlanner and
// MembershipDiff reject the same members, so every path through a PATCH gives the same answer.
internal static class MemberValues
{
    public static void EnsureEachHasAnId(JsonObject document, ResourceTypeDefinition type)
    {
        if (type.MembersAttribute is not { } definition
            || JsonNodes.Find(document, definition.Name) is not JsonArray members)
        {
            return;
        }

        foreach (var member in members)
        {
            MemberReferences.From(member);
        }
    }
}
