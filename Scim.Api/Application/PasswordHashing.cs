using Microsoft.Extensions.Options;

namespace Scim.Api.Application;

/// <summary>
/// Hashes passwords with at most <see cref="ScimServiceOptions.MaxConcurrentPasswordHashes"/> running at once (by
/// default one per core): each hash holds 12 MiB and a core for tens of milliseconds, so a burst of POSTs or one
/// large /Bulk waits its turn instead of taking the pod's memory past its limit. A request that is abandoned while
/// waiting stops waiting.
/// </summary>
internal sealed class PasswordHashing : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly Func<string, string> _hash;

    public PasswordHashing(IOptions<ScimServiceOptions> options)
        : this(options.Value.EffectiveMaxConcurrentPasswordHashes, PasswordHasher.Hash)
    {
    }

    /// <summary>With another hash function, for tests that watch how the calls are made.</summary>
    internal PasswordHashing(int slots, Func<string, string> hash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _slots = new SemaphoreSlim(slots);
        _hash = hash;
    }

    public async ValueTask<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _hash(password);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
