using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Scim.Api.Core.Filters;

namespace Scim.Bench.Micro;

/// <summary>Parsing (text to tree, then names resolved against the schema) and in-memory evaluation of filters.</summary>
[MemoryDiagnoser]
public class FilterBenchmarks
{
    private const string Equality = "userName eq \"ada.lovelace@contoso.example\"";
    private const string ValuePath = "emails[type eq \"work\" and value co \"@contoso\"]";
    private const string Compound =
        "(title sw \"Senior\" or urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Engineering\") "
        + "and active eq true and not (name.familyName pr and displayName ew \"Hopper\")";

    private Filter _equality = null!;
    private Filter _valuePath = null!;
    private Filter _compound = null!;
    private JsonObject _user = null!;

    [GlobalSetup]
    public void Setup()
    {
        _equality = Resolve(Equality);
        _valuePath = Resolve(ValuePath);
        _compound = Resolve(Compound);
        _user = Samples.StoredUser();
    }

    [Benchmark]
    public Filter ParseEquality() => Resolve(Equality);

    [Benchmark]
    public Filter ParseValuePath() => Resolve(ValuePath);

    [Benchmark]
    public Filter ParseCompound() => Resolve(Compound);

    [Benchmark]
    public bool EvaluateEquality() => FilterEvaluator.Matches(_equality, _user, Samples.UserType, filterIsResolved: true);

    [Benchmark]
    public bool EvaluateValuePath() => FilterEvaluator.Matches(_valuePath, _user, Samples.UserType, filterIsResolved: true);

    [Benchmark]
    public bool EvaluateCompound() => FilterEvaluator.Matches(_compound, _user, Samples.UserType, filterIsResolved: true);

    private static Filter Resolve(string text) => FilterResolver.Resolve(FilterParser.Parse(text), Samples.UserType);
}
