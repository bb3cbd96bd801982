using Microsoft.Extensions.Time.Testing;
using Scim.Api.Application.Events;

namespace Scim.Api.Tests.Application.Events;

public sealed class ChangeSignalTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMinutes(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWaiter_IsWokenByItsTenantsChange_NotByAnotherTenants()
    {
        var signal = new ChangeSignal();
        var waiting = ChangeSignal.WaitAsync(signal.Next("acme"), Poll, new FakeTimeProvider(), Ct);

        signal.Raise("globex");
        Assert.False(waiting.IsCompleted);

        signal.Raise("acme");
        await waiting.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    [Fact]
    public async Task AWaiter_WithoutAChange_ReturnsAtThePoll()
    {
        var signal = new ChangeSignal();
        var time = new FakeTimeProvider();
        var waiting = ChangeSignal.WaitAsync(signal.Next("acme"), Poll, time, Ct);

        time.Advance(Poll - TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    [Fact]
    public async Task AChangeRaisedBetweenTakingNextAndWaiting_IsNotMissed()
    {
        var signal = new ChangeSignal();
        var next = signal.Next("acme");

        signal.Raise("acme"); // while the reader reads
        await ChangeSignal.WaitAsync(next, Poll, new FakeTimeProvider(), Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.False(signal.Next("acme").IsCompleted);
    }
}
