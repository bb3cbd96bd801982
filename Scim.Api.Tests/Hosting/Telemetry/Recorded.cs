using System.Collections;

namespace Scim.Api.Tests.Hosting.Telemetry;

/// <summary>
/// What an in-memory exporter hands over, kept safely while requests end on several threads. <paramref name="copy"/>
/// keeps what a test reads from items the SDK recycles (log records).
/// </summary>
internal sealed class Recorded<TIn, TOut>(Func<TIn, TOut> copy) : ICollection<TIn>
{
    private readonly Lock _gate = new();
    private readonly List<TOut> _items = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public IReadOnlyList<TOut> Snapshot()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }

    public void Add(TIn item)
    {
        var copied = copy(item);
        lock (_gate)
        {
            _items.Add(copied);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _items.Clear();
        }
    }

    public bool Contains(TIn item) => throw ReadThroughSnapshot();

    public void CopyTo(TIn[] array, int arrayIndex) => throw ReadThroughSnapshot();

    public bool Remove(TIn item) => throw ReadThroughSnapshot();

    public IEnumerator<TIn> GetEnumerator() => throw ReadThroughSnapshot();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static NotSupportedException ReadThroughSnapshot() => new("Read what was recorded through Snapshot().");
}
