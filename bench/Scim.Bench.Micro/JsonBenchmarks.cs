using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;

namespace Scim.Bench.Micro;

/// <summary>Reading a request body into a JsonNode tree and writing a representation, as the endpoints do.</summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private JsonObject _user = null!;

    [GlobalSetup]
    public void Setup() => _user = Samples.RepresentedUser();

    [Benchmark]
    public JsonNode? ParseUser() => JsonNode.Parse(Samples.UserUtf8, documentOptions: DocumentOptions);

    [Benchmark]
    public int WriteUser()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer, WriterOptions);
        _user.WriteTo(writer);
        writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public JsonObject DeepCloneUser() => (JsonObject)_user.DeepClone();
}
