namespace Scim.Api.Core.Errors;

/// <summary>
/// The store cannot be used right now (e.g. a circuit breaker is open, or a call timed out). The HTTP layer answers 503 with a
/// Retry-After header of <see cref="RetryAfter"/>.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message, TimeSpan retryAfter, Exception? innerException)
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
    }

    public StoreUnavailableException()
        : this("The store is unavailable.", TimeSpan.FromSeconds(1), null)
    {
    }

    public StoreUnavailableException(string message)
        : this(message, TimeSpan.FromSeconds(1), null)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : this(message, TimeSpan.FromSeconds(1), innerException)
    {
    }

    public TimeSpan RetryAfter { get; }
}
