namespace Scim.Api.Core.Events;

/// <summary>What a committed change did to a resource; one event each.</summary>
public enum ChangeOperation
{
    Create,
    Replace,
    Patch,
    Delete,
    Restore,

    /// <summary>A tombstone past its retention removed for good (hard delete).</summary>
    Purge,
}

/// <summary>The operations' names as stored, filtered on and delivered: lower case, stable.</summary>
public static class ChangeOperationNames
{
    public static IReadOnlyList<string> All { get; } = ["create", "replace", "patch", "delete", "restore", "purge"];

    public static string Of(ChangeOperation operation) => operation switch
    {
        ChangeOperation.Create => "create",
        ChangeOperation.Replace => "replace",
        ChangeOperation.Patch => "patch",
        ChangeOperation.Delete => "delete",
        ChangeOperation.Restore => "restore",
        ChangeOperation.Purge => "purge",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a change operation."),
    };

    /// <summary>The operation of a name, any case; false for anything else.</summary>
    public static bool TryParse(string? name, out ChangeOperation operation)
    {
        var index = name is null ? -1 : IndexOf(name);
        operation = (ChangeOperation)Math.Max(index, 0);
        return index >= 0;
    }

    public static ChangeOperation Parse(string name) =>
        TryParse(name, out var operation) ? operation : throw new InvalidDataException($"'{name}' is not a stored change operation.");

    private static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
