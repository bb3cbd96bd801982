using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>
/// The values of <c>members</c> (of a group) and <c>groups</c> (of a user) as membership rows: the same values a
/// read with members or groups shows, so a filter sees exactly what the client would see.
/// </summary>
internal static class MembershipValues
{
    /// <summary>The membership rows of the resource row, one value per row.</summary>
    public static ValueSet Rows(MembershipSide side, string alias, AttributeDefinition? sub, string name) =>
        Value(side, alias, sub?.Name ?? AttributeResolver.ValueSubAttribute, sub, name) with
        {
            From = $"memberships AS {alias}",
            Correlation = Correlation(side, alias),
        };

    /// <summary>One sub-attribute of the membership row <paramref name="alias"/>.</summary>
    public static ValueSet Value(MembershipSide side, string alias, string subName, AttributeDefinition? definition, string name)
    {
        var ownId = side == MembershipSide.Members ? $"{alias}.member_id" : $"{alias}.group_id";
        var value = subName switch
        {
            "value" => ownId,
            "display" when side == MembershipSide.Members =>
                $"coalesce({alias}.display, (SELECT d.display_name FROM resources AS d WHERE d.tenant = {alias}.tenant AND d.id = {alias}.member_id LIMIT 1))",
            "display" =>
                $"(SELECT g.display_name FROM resources AS g WHERE g.tenant = {alias}.tenant AND g.id = {alias}.group_id LIMIT 1)",
            "type" when side == MembershipSide.Members => $"{alias}.member_type",
            "type" => "'direct'",

            // $ref is added by the HTTP layer from its base URL; it is not stored.
            _ => "NULL",
        };
        return new ValueSet
        {
            Name = name,
            Value = value,
            Order = ownId,
            Type = definition?.Type ?? AttributeType.String,
            CaseExact = definition?.CaseExact ?? false,
        };
    }

    public static string Correlation(MembershipSide side, string alias) => side == MembershipSide.Members
        ? $"{alias}.tenant = {AttributeResolver.Resource}.tenant AND {alias}.group_id = {AttributeResolver.Resource}.id"
        : $"{alias}.tenant = {AttributeResolver.Resource}.tenant AND {alias}.member_id = {AttributeResolver.Resource}.id";
}
