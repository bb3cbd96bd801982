namespace Scim.Api.Core.Filters;

/// <summary>The attribute operators of RFC 7644 §3.4.2.2, Table 3 (<c>pr</c> is <see cref="PresentFilter"/>).</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Contains,
    StartsWith,
    EndsWith,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
}
