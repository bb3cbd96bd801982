using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Scim.Api.Core.Projection;

namespace Scim.Bench.Micro;

/// <summary>Projection of a returned resource (RFC 7644 §3.9), including parsing the attribute list.</summary>
[MemoryDiagnoser]
public class ProjectionBenchmarks
{
    private JsonObject _user = null!;
    private JsonObject _group = null!;

    [GlobalSetup]
    public void Setup()
    {
        _user = Samples.RepresentedUser();
        _group = Samples.GroupWithMembers(100);
        _group["id"] = "0199a3f4-1111-7e8f-9a0b-1c2d3e4f5a6b";
    }

    [Benchmark(Baseline = true)]
    public JsonObject UserDefault() => ResourceProjector.Project(_user, Samples.UserType, AttributeSelection.Default);

    [Benchmark]
    public JsonObject UserAttributesUserNameEmails() =>
        ResourceProjector.Project(_user, Samples.UserType, AttributeSelection.Parse("userName,emails", null, Samples.UserType));

    [Benchmark]
    public JsonObject GroupExcludedMembers() =>
        ResourceProjector.Project(_group, Samples.GroupType, AttributeSelection.Parse(null, "members", Samples.GroupType));
}
