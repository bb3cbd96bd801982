using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Scim.Api.Core.Patch;

namespace Scim.Bench.Micro;

/// <summary>
/// PATCH as the pipeline runs it: parse the body, then either apply it to the document (user attributes; a
/// group whose members must be read) or plan it into a membership delta (members added by id, the usual case).
/// </summary>
[MemoryDiagnoser]
public class PatchBenchmarks
{
    private static readonly JsonNode ReplaceBody = JsonNode.Parse("""
        {
          "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [
            { "op": "Replace", "path": "title", "value": "Director" },
            { "op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Research" }
          ]
        }
        """)!;

    private static readonly JsonNode AddMemberBody = JsonNode.Parse("""
        {
          "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [ { "op": "Add", "path": "members", "value": [ { "value": "member-new" } ] } ]
        }
        """)!;

    private JsonNode _add100Body = null!;
    private JsonObject _user = null!;
    private JsonObject _group = null!;
    private PatchRequest _replace = null!;
    private PatchRequest _addMember = null!;
    private PatchRequest _add100 = null!;

    [Params(0, 1_000)]
    public int GroupMembers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var members = new JsonArray();
        for (var i = 0; i < 100; i++)
        {
            members.Add(new JsonObject { ["value"] = $"added-{i:D3}" });
        }

        _add100Body = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            ["Operations"] = new JsonArray(new JsonObject { ["op"] = "Add", ["path"] = "members", ["value"] = members }),
        };
        _user = Samples.StoredUser();
        _group = Samples.GroupWithMembers(GroupMembers);
        _replace = PatchRequest.Parse(ReplaceBody);
        _addMember = PatchRequest.Parse(AddMemberBody);
        _add100 = PatchRequest.Parse(_add100Body);
    }

    [Benchmark]
    public PatchRequest ParseAdd100Members() => PatchRequest.Parse(_add100Body);

    [Benchmark]
    public JsonObject UserReplaceTitleAndDepartment() => PatchEngine.Apply(_user, _replace, Samples.UserType);

    [Benchmark]
    public JsonObject GroupAddMemberInDocument() => PatchEngine.Apply(_group, _addMember, Samples.GroupType);

    [Benchmark]
    public MembershipPatchPlan GroupAdd100MembersPlanned() => MembershipPatchPlanner.Plan(_add100, Samples.GroupType);
}
