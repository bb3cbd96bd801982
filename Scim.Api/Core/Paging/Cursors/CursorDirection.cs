namespace Scim.Api.Core.Paging.Cursors;

/// <summary>Which way from its position a cursor reads: the page after it (nextCursor) or before it (previousCursor).</summary>
public enum CursorDirection
{
    Next,
    Previous,
}
