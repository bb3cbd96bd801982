using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;

namespace Scim.Api.Core.Patch;

// The path as a client would recognise it in an error detail.
internal static class PathText
{
    public static string Of(ScimPath path)
    {
        var text = path.SchemaUrn is null ? path.Name : $"{path.SchemaUrn}:{path.Name}";
        if (path.ValueFilter is not null)
        {
            text += $"[{FilterPrinter.Print(path.ValueFilter)}]";
        }

        return path.SubAttribute is null ? text : $"{text}.{path.SubAttribute}";
    }
}
