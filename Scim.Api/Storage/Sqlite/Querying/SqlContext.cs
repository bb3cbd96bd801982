using Microsoft.Data.Sqlite;

namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>
/// What a statement under construction collects: its parameters and its table aliases. Every value that came
/// from a client (filter values, attribute names inside JSON paths) becomes a parameter; the statement text
/// holds only our own SQL.
/// </summary>
internal sealed class SqlContext
{
    private readonly List<KeyValuePair<string, object>> _parameters = [];
    private readonly Dictionary<(Type, object), string> _names = [];
    private int _aliases;

    public IReadOnlyList<KeyValuePair<string, object>> Parameters => _parameters;

    /// <summary>Adds a parameter (or reuses the one holding an equal value) and returns its name.</summary>
    public string Parameter(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var key = (value.GetType(), value);
        if (_names.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var name = $"$p{_parameters.Count}";
        _parameters.Add(new(name, value));
        _names[key] = name;
        return name;
    }

    /// <summary>A fresh table alias, unique within the statement.</summary>
    public string Alias(string prefix) => $"{prefix}{++_aliases}";

    public void BindTo(SqliteCommand command)
    {
        foreach (var (name, value) in _parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
