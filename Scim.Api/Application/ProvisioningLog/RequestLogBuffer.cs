using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Scim.Api.Core.Activity;

namespace Scim.Api.Application.ProvisioningLog;

/// <summary>
/// Where a request leaves its log entry: a bounded in-memory queue that never waits. A full queue drops the entry and
/// counts it (<see cref="ProvisioningLogMetrics"/>), so a slow store can never slow or stop the SCIM path.
/// </summary>
internal sealed class RequestLogBuffer(IOptions<ProvisioningLogOptions> options)
{
    private readonly Channel<RequestLogEntry> _channel = Channel.CreateBounded<RequestLogEntry>(
        new BoundedChannelOptions(Math.Max(1, options.Value.BufferCapacity))
        {
            // The background writer reads, and so does a flush at shutdown (or a test): not a single reader.
            SingleReader = false,
            FullMode = BoundedChannelFullMode.Wait,
        });

    private long _dropped;

    /// <summary>Entries dropped since start because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Add(RequestLogEntry entry)
    {
        if (!_channel.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
            ProvisioningLogMetrics.RecordDropped(1, "buffer_full");
        }
    }

    public ChannelReader<RequestLogEntry> Reader => _channel.Reader;
}
