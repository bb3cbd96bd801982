using System.Data.Common;

namespace Scim.Api.Core.Errors;

/// <summary>
/// What a failure means for the client, decided in one place for the exception handler and for each /Bulk operation:
/// a <see cref="ScimException"/> as it is; a store that cannot be reached (<see cref="StoreUnavailableException"/>, a
/// database error, a timeout) as 503 with when to retry; anything else is not the client's to know (null).
/// </summary>
public static class ErrorClassification
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public static ScimException? ForClient(Exception exception) => exception switch
    {
        ScimException scim => scim,
        StoreUnavailableException or DbException or TimeoutException => ScimErrors.StoreUnavailable(),
        _ => null,
    };

    /// <summary>How long a client should wait before retrying after a 503 caused by <paramref name="exception"/>.</summary>
    public static TimeSpan RetryAfter(Exception exception) =>
        exception is StoreUnavailableException unavailable ? unavailable.RetryAfter : DefaultRetryAfter;
}
