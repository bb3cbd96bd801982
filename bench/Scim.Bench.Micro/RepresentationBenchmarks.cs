using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Scim.Api.Core.Projection;

namespace Scim.Bench.Micro;

/// <summary>
/// A stored user's default representation, from the stored UTF-8 to the written response: through a tree (parse,
/// add id and meta, project in place, write) against straight from the parsed text (<see cref="StreamedDefaultProjection"/>).
/// </summary>
[MemoryDiagnoser]
public class RepresentationBenchmarks
{
    private const string Id = "0199a3f4-0000-7e8f-9a0b-1c2d3e4f5a6b";
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        SkipValidation = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private byte[] _stored = [];
    private JsonObject _represented = null!;

    [GlobalSetup]
    public void Setup()
    {
        _stored = Encoding.UTF8.GetBytes(Samples.StoredUser().ToJsonString());
        _represented = Samples.RepresentedUser();
    }

    [Benchmark(Baseline = true)]
    public int ThroughATree()
    {
        var tree = JsonNode.Parse(_stored)!.AsObject();
        tree.Insert(0, "id", Id);
        foreach (var (name, value) in ServerAttributes())
        {
            tree[name] = value?.DeepClone();
        }

        Samples.References.Apply(tree, Samples.UserType);

        return Write(writer => ResourceProjector.ProjectOwned(tree, Samples.UserType, AttributeSelection.Default).WriteTo(writer));
    }

    [Benchmark]
    public int FromTheText()
    {
        using var document = JsonDocument.Parse(_stored);
        return Write(writer => StreamedDefaultProjection.TryWrite(writer, document.RootElement, Samples.UserType, Id, ServerAttributes(), Samples.References));
    }

    // As the store and the pipeline give them: two groups, then meta.
    private JsonObject ServerAttributes() => new()
    {
        ["groups"] = _represented["groups"]!.DeepClone(),
        ["meta"] = _represented["meta"]!.DeepClone(),
    };

    private int Write(Action<Utf8JsonWriter> write)
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer, WriterOptions);
        write(writer);
        writer.Flush();
        return _buffer.WrittenCount;
    }
}
