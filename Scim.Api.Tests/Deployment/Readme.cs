namespace Scim.Api.Tests.Deployment;

/// <summary>Sections of the README and the documents in docs/, by their heading.</summary>
internal static class Readme
{
    public static string Section(string heading, string document = "README.md")
    {
        var lines = RepositoryFiles.Read(document).Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == heading);
        Assert.True(start >= 0, $"{document} has no heading '{heading}'");
        var level = heading.TakeWhile(c => c == '#').Count();
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith('#') && l.TakeWhile(c => c == '#').Count() <= level && l.Length > level && l[level] == ' ');
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }
}
