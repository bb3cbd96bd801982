namespace Scim.Api.Events.Http;

/// <summary>What a receiver's Retry-After asks for, given as seconds or as an HTTP date.</summary>
internal static class RetryAfterHeader
{
    /// <summary>How long the answer asks the sender to wait from <paramref name="now"/>, or null when it does not ask.</summary>
    public static TimeSpan? RequestedWait(this HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - now,
        _ => null,
    };
}
