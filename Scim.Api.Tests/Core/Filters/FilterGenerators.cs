using CsCheck;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;

namespace Scim.Api.Tests.Core.Filters;

/// <summary>Random filter trees whose names and values are valid for the parser.</summary>
internal static class FilterGenerators
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string NameChars = Letters + "0123456789-_";
    private const string UrnChars = NameChars + ".~%!$&'*+,;=/?#@\\";

    private static readonly string? NoText = null;

    private static readonly Gen<string> GeneratedName =
        Gen.Select(Gen.Char[Letters], Gen.String[Gen.Char[NameChars], 0, 8], (first, rest) => first + rest);

    // Keywords and operator words are valid attribute names too; the parser must tell them apart by position.
    public static readonly Gen<string> Name = Gen.Frequency(
        (8, GeneratedName),
        (1, Gen.OneOf("not", "and", "or", "pr", "eq", "urn", "true", "null", "$ref", "NOT", "Or")));

    public static readonly Gen<string> Urn =
        Gen.String[Gen.Char[UrnChars], 1, 10].Array[1, 4].Select(segments => "urn:" + string.Join(':', segments.Select(s => s.Length == 0 ? "x" : s)));

    public static readonly Gen<AttributePath> Path =
        Gen.Select(
            Gen.Frequency((4, Gen.Const(NoText)), (1, Urn.Select(u => (string?)u))),
            Name,
            Gen.Frequency((2, Gen.Const(NoText)), (1, Name.Select(n => (string?)n))),
            (urn, name, sub) => new AttributePath(urn, name, sub));

    public static readonly Gen<FilterValue> Value = Gen.Frequency(
        (4, Gen.String.Select(s => (FilterValue)new StringValue(s))),
        (1, Gen.String[Gen.Char["\"\\/\b\f\n\r\t\u0000\u001f\u007f()[] é😀\ud800"], 0, 6].Select(s => (FilterValue)new StringValue(s))),
        (2, Gen.Decimal.Select(d => (FilterValue)new NumberValue(d))),
        (1, Gen.Int.Select(i => (FilterValue)new NumberValue(i))),
        (1, Gen.Bool.Select(b => (FilterValue)(b ? BooleanValue.True : BooleanValue.False))),
        (1, Gen.Const<FilterValue>(NullValue.Instance)));

    public static readonly Gen<ComparisonOperator> Operator = Gen.Enum<ComparisonOperator>();

    public static readonly Gen<Filter> Leaf = Gen.Frequency(
        (4, Gen.Select(Path, Operator, Value, (p, op, v) => (Filter)new ComparisonFilter(p, op, v))),
        (1, Path.Select(p => (Filter)new PresentFilter(p))));

    /// <summary>A filter as the parser may produce it: value paths only at the outer level.</summary>
    public static readonly Gen<Filter> Filter = Tree(Gen.Frequency((4, Leaf), (1, Gen.Select(Path, Tree(Leaf), (p, inner) => (Filter)new ValuePathFilter(p, inner)))));

    public static Gen<Filter> Tree(Gen<Filter> leaf) => Gen.Recursive<Filter>((depth, self) =>
        depth >= 4
            ? leaf
            : Gen.Frequency(
                (3, leaf),
                (1, Gen.Select(self, self, (l, r) => (Filter)new AndFilter(l, r))),
                (1, Gen.Select(self, self, (l, r) => (Filter)new OrFilter(l, r))),
                (1, self.Select(inner => (Filter)new NotFilter(inner)))));
}
