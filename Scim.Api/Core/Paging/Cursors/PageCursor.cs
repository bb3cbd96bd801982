namespace Scim.Api.Core.Paging.Cursors;

/// <summary>
/// What a cursor says once its signature is checked: the store position to read from and which way, for which
/// tenant and which query (<see cref="QueryFingerprint"/>), issued when.
/// </summary>
public sealed record PageCursor(CursorDirection Direction, string Position, string Tenant, string Fingerprint, DateTimeOffset IssuedAt);
