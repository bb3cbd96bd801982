namespace Scim.Api.Core.Errors;

/// <summary>
/// The only exception the SCIM core throws for a client's mistake. It carries everything the SCIM
/// error body of RFC 7644 §3.12 needs: the HTTP status, the <c>scimType</c> keyword where the RFC
/// defines one, and a detail a person can act on.
/// </summary>
public sealed class ScimException : Exception
{
    public ScimException(int status, string? scimType, string detail)
        : base(detail)
    {
        Status = status;
        ScimType = scimType;
    }

    public ScimException()
        : this(500, null, "Internal error.")
    {
    }

    public ScimException(string message)
        : this(400, null, message)
    {
    }

    public ScimException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
    }

    public int Status { get; }

    public string? ScimType { get; }

    public string Detail => Message;

    public static ScimException InvalidFilter(string detail) => new(400, ScimErrorType.InvalidFilter, detail);

    public static ScimException InvalidPath(string detail) => new(400, ScimErrorType.InvalidPath, detail);

    public static ScimException InvalidValue(string detail) => new(400, ScimErrorType.InvalidValue, detail);

    public static ScimException InvalidSyntax(string detail) => new(400, ScimErrorType.InvalidSyntax, detail);

    public static ScimException NoTarget(string detail) => new(400, ScimErrorType.NoTarget, detail);

    public static ScimException Mutability(string detail) => new(400, ScimErrorType.Mutability, detail);

    public static ScimException TooMany(string detail) => new(400, ScimErrorType.TooMany, detail);

    public static ScimException Uniqueness(string detail) => new(409, ScimErrorType.Uniqueness, detail);

    /// <summary>RFC 9865 §2.5: a cursor that is malformed, tampered with, or not valid for this request.</summary>
    public static ScimException InvalidCursor(string detail) => new(400, ScimErrorType.InvalidCursor, detail);

    /// <summary>RFC 9865 §2.5: a cursor older than the advertised <c>cursorTimeout</c>.</summary>
    public static ScimException ExpiredCursor(string detail) => new(400, ScimErrorType.ExpiredCursor, detail);

    public static ScimException NotFound(string detail) => new(404, null, detail);

    public static ScimException PreconditionFailed(string detail) => new(412, null, detail);

    public static ScimException PayloadTooLarge(string detail) => new(413, null, detail);
}
