using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Patch;
using Scim.Api.Core.Storage;
using static Scim.Api.Tests.Core.Patch.PatchTestKit;

namespace Scim.Api.Tests.Core.Patch;

/// <summary>
/// The planner must give the outcome of the engine: for random member operations, applying the planned delta to the
/// member list the way the store does gives the members the engine computes on the full document.
/// </summary>
public class MembershipPlanEquivalenceTests
{
    private static readonly string[] Ids = ["a", "b", "c", "d"];

    public static TheoryData<int> Seeds => [11, 12, 13, 14, 15];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void PlannedDelta_AppliedLikeTheStore_GivesTheMembersTheEngineGives(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 400; i++)
        {
            var group = RandomGroup(random);
            var operations = Enumerable.Range(0, random.Next(1, 5)).Select(_ => RandomMemberOperation(random)).ToArray();
            var body = Body(operations);
            var request = PatchRequest.Parse(JsonNode.Parse(body));

            var engine = Outcome(() => PatchEngine.Apply(group, request, GroupType));
            var planned = Outcome(() => ApplyPlan(group, request));

            Assert.True(engine.Error == planned.Error, $"engine {engine.Error ?? "ok"} but plan {planned.Error ?? "ok"} for {body}");
            if (engine.Error is null)
            {
                Assert.Equal(Describe(engine.Document!["members"] as JsonArray), Describe(planned.Document!["members"] as JsonArray));
                Assert.Equal((string?)engine.Document!["displayName"], (string?)planned.Document!["displayName"]);
            }
        }
    }

    private static JsonObject ApplyPlan(JsonObject group, PatchRequest request)
    {
        var plan = MembershipPatchPlanner.Plan(request, GroupType);
        if (plan.NeedsCurrentMembers)
        {
            var patched = PatchEngine.Apply(group, plan.DocumentOperations, GroupType);
            var diff = MembershipDiff.Between(group["members"] as JsonArray, patched["members"] as JsonArray);
            return WithMembers(patched, StoreApply(group["members"] as JsonArray, diff));
        }

        var stored = (JsonObject)group.DeepClone();
        stored.Remove("members");
        var document = PatchEngine.Apply(stored, plan.DocumentOperations, GroupType);
        return WithMembers(document, plan.Members is null ? group["members"]?.DeepClone() as JsonArray : StoreApply(group["members"] as JsonArray, plan.Members));
    }

    // What IResourceStore promises: remove all, then remove the listed ids, then add (a present member is kept as it is).
    private static JsonArray StoreApply(JsonArray? before, MembershipDelta delta)
    {
        var members = delta.RemoveAll ? [] : (before ?? []).Select(m => (JsonObject)m!.DeepClone()).ToList();
        members.RemoveAll(m => delta.Remove.Contains((string)m["value"]!));
        foreach (var added in delta.Add)
        {
            if (!members.Exists(m => (string?)m["value"] == added.Value))
            {
                var member = new JsonObject { ["value"] = added.Value };
                if (added.Type is not null)
                {
                    member["type"] = added.Type;
                }

                if (added.Display is not null)
                {
                    member["display"] = added.Display;
                }

                members.Add(member);
            }
        }

        return [.. members];
    }

    private static JsonObject WithMembers(JsonObject document, JsonArray? members)
    {
        document.Remove("members");
        if (members is { Count: > 0 })
        {
            document["members"] = members;
        }

        return document;
    }

    private static (JsonObject? Document, string? Error) Outcome(Func<JsonObject> apply)
    {
        try
        {
            return (apply(), null);
        }
        catch (ScimException error)
        {
            return (null, $"{error.Status} {error.ScimType}");
        }
    }

    private static string Describe(JsonArray? members) =>
        string.Join(" ", (members ?? []).Select(m => $"{m!["value"]}/{m["type"]}/{m["display"]}").Order(StringComparer.Ordinal));

    private static JsonObject RandomGroup(Random random)
    {
        var members = new JsonArray();
        foreach (var id in Ids.Where(_ => random.Next(2) == 0))
        {
            members.Add(RandomMember(random, id));
        }

        var group = Json("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g","displayName":"G"}""");
        if (members.Count > 0)
        {
            group["members"] = members;
        }

        return group;
    }

    private static JsonNode RandomMember(Random random, string id)
    {
        var member = new JsonObject { ["value"] = id };
        if (random.Next(2) == 0)
        {
            member["display"] = random.Next(2) == 0 ? "Old" : "New";
        }

        if (random.Next(3) == 0)
        {
            member["type"] = "User";
        }

        return member;
    }

    private static string RandomMemberList(Random random)
    {
        var members = new JsonArray();
        for (var i = random.Next(0, 3); i > 0; i--)
        {
            var id = Ids[random.Next(Ids.Length)];
            members.Add(random.Next(5) == 0 ? JsonValue.Create(id) : RandomMember(random, id));
        }

        return members.ToJsonString();
    }

    private static string RandomMemberOperation(Random random)
    {
        string Id() => Ids[random.Next(Ids.Length)];
        return random.Next(12) switch
        {
            0 => $$"""{"op":"add","path":"members","value":{{RandomMemberList(random)}}}""",
            1 => $$"""{"op":"Add","path":"members","value":"{{Id()}}"}""",
            2 => """{"op":"remove","path":"members"}""",
            3 => $$"""{"op":"Remove","path":"members","value":[{"value":"{{Id()}}"}]}""",
            4 => $$"""{"op":"remove","path":"members[value eq \"{{Id()}}\"]"}""",
            5 => $$"""{"op":"remove","path":"members[value eq \"{{Id()}}\" or value eq \"{{Id()}}\"]"}""",
            6 => $$"""{"op":"replace","path":"members","value":{{RandomMemberList(random)}}}""",
            7 => $$"""{"op":"replace","path":"members","value":{{(random.Next(2) == 0 ? "\"\"" : "null")}}}""",
            8 => $$$"""{"op":"add","value":{"displayName":"G2","members":{{{RandomMemberList(random)}}}}}""",
            9 => $$$"""{"op":"replace","value":{"members":{{{RandomMemberList(random)}}}}}""",
            10 => $$"""{"op":"replace","path":"members[value eq \"{{Id()}}\"].display","value":"Renamed"}""",
            _ => """{"op":"replace","path":"displayName","value":"G3"}""",
        };
    }
}
