using CsCheck;
using Scim.Api.Core.Filters;

namespace Scim.Api.Tests.Core.Filters;

public class FilterRoundTripPropertyTests
{
    [Fact]
    public void ParsePrint_AnyGeneratedFilter_GivesBackTheSameTree() =>
        FilterGenerators.Filter.Sample(
            filter => Assert.Equal(filter, FilterParser.Parse(FilterPrinter.Print(filter))),
            iter: 3000,
            print: FilterPrinter.Print);

    [Fact]
    public void ParsePrint_AnyGeneratedFilter_IsAcceptedByStrictParsing() =>
        FilterGenerators.Filter.Sample(
            filter => Assert.Equal(filter, FilterParser.Parse(FilterPrinter.Print(filter), FilterParseOptions.Strict)),
            iter: 1000,
            print: FilterPrinter.Print);

    [Fact]
    public void Print_IsStable_PrintingTheReparsedFilterGivesTheSameText() =>
        FilterGenerators.Filter.Sample(
            filter =>
            {
                var text = FilterPrinter.Print(filter);
                Assert.Equal(text, FilterPrinter.Print(FilterParser.Parse(text)));
            },
            iter: 1000,
            print: FilterPrinter.Print);

    [Fact]
    public void ParsePath_AnyGeneratedValuePath_GivesBackTheSameParts() =>
        Gen.Select(FilterGenerators.Path, FilterGenerators.Tree(FilterGenerators.Leaf), FilterGenerators.Name)
            .Where(t => t.Item1.SubAttribute is null)
            .Sample(
                (path, inner, sub) =>
                {
                    var text = $"{path}[{FilterPrinter.Print(inner)}].{sub}";

                    var parsed = Scim.Api.Core.Paths.ScimPathParser.Parse(text);

                    Assert.Equal(new Scim.Api.Core.Paths.ScimPath(path.SchemaUrn, path.Name, inner, sub), parsed);
                },
                iter: 1000);

    [Fact]
    public void ParseAttributePath_AnyGeneratedPath_GivesBackTheSamePath() =>
        FilterGenerators.Path.Sample(
            path => Assert.Equal(path, Scim.Api.Core.Paths.ScimPathParser.ParseAttributePath(path.ToString())),
            iter: 2000);
}
