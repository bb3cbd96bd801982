using Scim.Api.Application;

namespace Scim.Api.Tests.Application;

public class PasswordHashingTests
{
    [Fact]
    public async Task HashAsync_NeverRunsMoreHashesAtOnceThanItsSlots()
    {
        var running = 0;
        var mostAtOnce = 0;
        using var hashing = new PasswordHashing(2, password =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            Thread.Sleep(20);
            Interlocked.Decrement(ref running);
            return "hash:" + password;
        });

        var hashes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
            await hashing.HashAsync($"p{i}", TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)));

        Assert.Equal(2, mostAtOnce);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => $"hash:p{i}"), hashes);
    }

    [Fact]
    public async Task HashAsync_AbandonedWhileWaitingForASlot_StopsWaiting()
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var hashing = new PasswordHashing(1, password =>
        {
            entered.Set();
            release.Wait(TestContext.Current.CancellationToken);
            return "hash";
        });
        var holder = Task.Run(async () => await hashing.HashAsync("first", CancellationToken.None), TestContext.Current.CancellationToken);
        entered.Wait(TestContext.Current.CancellationToken);
        using var abandoned = new CancellationTokenSource();

        var waiting = hashing.HashAsync("second", abandoned.Token).AsTask();
        await abandoned.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        release.Set();
        Assert.Equal("hash", await holder);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
