using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Patch;
using Scim.Api.Core.Schema;
using static Scim.Api.Tests.Core.Patch.PatchTestKit;

namespace Scim.Api.Tests.Core.Patch;

public class PatchRobustnessTests
{
    private static readonly string[] ValidBodies =
    [
        Body("""{"op":"Replace","path":"active","value":"False"}"""),
        Body("""{"op":"add","path":"emails","value":[{"value":"a@example.com","type":"work","primary":true}]}"""),
        Body("""{"op":"replace","path":"emails[type eq \"work\"].value","value":"b@example.com"}"""),
        Body("""{"op":"remove","path":"addresses[type eq \"home\"].region"}"""),
        Body("""{"op":"replace","value":{"name.givenName":"A","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager":"mgr"}}"""),
        Body("""{"op":"add","value":{"nickName":"N","name":{"middleName":"M"},"emails":[{"value":"c@example.com"}]}}"""),
        Body("""{"op":"Remove","path":"members","value":[{"value":"m1"}]}"""),
        Body("""{"op":"add","path":"members","value":[{"displayName":"M","value":"m3"},"m4"]}"""),
        Body("""{"op":"remove","path":"members[value eq \"m1\" or value eq \"m2\"]"}"""),
        Body("""{"op":"replace","path":"members","value":[]}""", """{"op":"replace","path":"displayName","value":"G"}"""),
        Body("""{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \"mgr\"]"}"""),
    ];

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomBodies_OnlyClientErrorsEscape_AndTheInputIsNeverChanged(int seed)
    {
        var bodies = new RandomPatchBodies(seed);
        for (var i = 0; i < 600; i++)
        {
            var body = bodies.NextBody();
            AssertRobust(body);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MutatedValidBodies_OnlyClientErrorsEscape_AndTheInputIsNeverChanged(int seed)
    {
        var bodies = new RandomPatchBodies(seed);
        var random = new Random(seed);
        for (var i = 0; i < 400; i++)
        {
            var valid = ValidBodies[random.Next(ValidBodies.Length)];
            AssertRobust(bodies.Mutate(JsonNode.Parse(valid)));
            if (MutateText(valid, random) is { } mutatedText)
            {
                AssertRobust(mutatedText);
            }

            AssertRobust(JsonNode.Parse(RepeatAProperty(valid, random)));
        }
    }

    [Fact]
    public void ValidBodies_AreAcceptedByTheirResourceType()
    {
        foreach (var body in ValidBodies)
        {
            var isGroup = body.Contains("members", StringComparison.Ordinal) || body.Contains("\"G\"", StringComparison.Ordinal);
            var request = PatchRequest.Parse(JsonNode.Parse(body));
            var result = isGroup ? PatchEngine.Apply(RobustGroup(), request, GroupType) : PatchEngine.Apply(User(), request, UserType);
            Assert.NotNull(result);
        }
    }

    private static void AssertRobust(JsonNode? body)
    {
        var text = body?.ToJsonString() ?? "null";
        foreach (var (resource, type) in new[] { (User(), UserType), (RobustGroup(), GroupType) })
        {
            var snapshot = resource.DeepClone();
            try
            {
                var request = PatchRequest.Parse(body?.DeepClone());
                var result = PatchEngine.Apply(resource, request, type);
                Assert.True(JsonNode.DeepEquals(result, JsonNode.Parse(result.ToJsonString())), $"unstable result for {text}");
                MembershipPatchPlanner.Plan(request, type);
            }
            catch (ScimException error)
            {
                Assert.True(error.Status is >= 400 and < 500, $"status {error.Status} for {text}: {error.Detail}");
                Assert.False(string.IsNullOrWhiteSpace(error.Detail), $"no detail for {text}");
            }
            catch (Exception error) when (error is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"{error.GetType().Name} escaped for {type.Name} with body {text}: {error}");
            }

            Assert.True(JsonNode.DeepEquals(snapshot, resource), $"the {type.Name} was changed by {text}");
        }
    }

    private static JsonNode? MutateText(string valid, Random random)
    {
        var builder = new StringBuilder(valid);
        for (var i = 0; i < random.Next(1, 4); i++)
        {
            var position = random.Next(builder.Length);
            const string replacements = "{}[]\",:.ab\\ 0";
            builder[position] = replacements[random.Next(replacements.Length)];
        }

        try
        {
            return JsonNode.Parse(builder.ToString());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // JSON parsers accept repeated names; System.Text.Json only notices when the object is first read.
    private static string RepeatAProperty(string valid, Random random)
    {
        var braces = valid.Select((c, i) => (c, i)).Where(p => p.c == '{').Select(p => p.i).ToList();
        var at = braces[random.Next(braces.Count)] + 1;
        string[] repeated = ["\"value\":null,", "\"op\":\"add\",", "\"path\":\"x\",", "\"Operations\":[],", "\"value\":{\"a\":1,\"a\":2},"];
        return valid.Insert(at, repeated[random.Next(repeated.Length)]);
    }

    private static JsonObject RobustGroup()
    {
        var group = Group();
        group["members"]!.AsArray().Add(JsonNode.Parse("""{"value":"m1","display":"M"}"""));
        group["members"]!.AsArray().Add(JsonNode.Parse("""{"value":"m2"}"""));
        return group;
    }

    [Fact]
    public void RandomBodies_OnACustomResourceType_OnlyClientErrorsEscape()
    {
        var type = new ResourceTypeDefinition(
            "Thing", "/Things", "Thing",
            new SchemaDefinition("urn:example:Thing", "Thing", "Thing",
            [
                new AttributeDefinition { Name = "displayName", Required = true },
                new AttributeDefinition { Name = "count", Type = AttributeType.Integer },
                new AttributeDefinition { Name = "tags", MultiValued = true },
                new AttributeDefinition { Name = "emails", Type = AttributeType.Complex, MultiValued = true, SubAttributes = [new AttributeDefinition { Name = "value" }, new AttributeDefinition { Name = "primary", Type = AttributeType.Boolean }] },
            ]),
            []);
        var thing = Json("""{"displayName":"T","count":3,"tags":["a","b"],"emails":[{"value":"x","primary":true}]}""");
        var bodies = new RandomPatchBodies(99);
        for (var i = 0; i < 500; i++)
        {
            var body = bodies.NextBody();
            var snapshot = thing.DeepClone();
            try
            {
                PatchEngine.Apply(thing, PatchRequest.Parse(body), type);
            }
            catch (ScimException error)
            {
                Assert.True(error.Status is >= 400 and < 500, $"status {error.Status} for {body?.ToJsonString()}");
            }

            Assert.True(JsonNode.DeepEquals(snapshot, thing));
        }
    }
}
