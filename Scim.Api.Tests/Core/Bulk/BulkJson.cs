using System.Text.Json.Nodes;
using Scim.Api.Core.Bulk;

namespace Scim.Api.Tests.Core.Bulk;

/// <summary>Builds bulk request bodies for Core tests, so each test shows only the operations it is about.</summary>
internal static class BulkJson
{
    public const string BulkRequestUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    public const string PatchOpUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public static JsonObject Request(params string[] operations) =>
        JsonNode.Parse($$$"""{"schemas":["{{{BulkRequestUrn}}}"],"Operations":[{{{string.Join(",", operations)}}}]}""")!.AsObject();

    public static string PostUser(string bulkId, string extra = "") =>
        $$$"""{"method":"POST","path":"/Users","bulkId":"{{{bulkId}}}","data":{"userName":"{{{bulkId}}}"{{{extra}}}}}""";

    public static string PostGroup(string bulkId, params string[] memberBulkIds) =>
        $$$"""{"method":"POST","path":"/Groups","bulkId":"{{{bulkId}}}","data":{"displayName":"{{{bulkId}}}","members":[{{{Members(memberBulkIds)}}}]}}""";

    public static string PatchGroup(string path, params string[] memberBulkIds) =>
        $$$"""{"method":"PATCH","path":"{{{path}}}","data":{"schemas":["{{{PatchOpUrn}}}"],"Operations":[{"op":"add","path":"members","value":[{{{Members(memberBulkIds)}}}]}]}}""";

    public static string Delete(string path) => $$$"""{"method":"DELETE","path":"{{{path}}}"}""";

    public static IReadOnlyList<BulkOperation> Operations(params string[] operations) =>
        BulkRequest.Parse(Request(operations), 10_000).Operations;

    private static string Members(string[] bulkIds) => string.Join(",", bulkIds.Select(b => $$$"""{"value":"bulkId:{{{b}}}"}"""));
}
