using Scim.Api.Core.Paths;

namespace Scim.Api.Core.Filters;

/// <summary>
/// A node of a parsed SCIM filter (RFC 7644 §3.4.2.2). Nodes are immutable records with value equality,
/// visited by <see cref="IFilterVisitor{T}"/>: the in-memory evaluator and every store translator are visitors.
/// </summary>
public abstract record Filter
{
    public abstract T Accept<T>(IFilterVisitor<T> visitor);
}

public sealed record AndFilter(Filter Left, Filter Right) : Filter
{
    public override T Accept<T>(IFilterVisitor<T> visitor) => visitor.VisitAnd(this);
}

public sealed record OrFilter(Filter Left, Filter Right) : Filter
{
    public override T Accept<T>(IFilterVisitor<T> visitor) => visitor.VisitOr(this);
}

public sealed record NotFilter(Filter Inner) : Filter
{
    public override T Accept<T>(IFilterVisitor<T> visitor) => visitor.VisitNot(this);
}

/// <summary><c>attrPath compareOp compValue</c>.</summary>
public sealed record ComparisonFilter(AttributePath Path, ComparisonOperator Operator, FilterValue Value) : Filter
{
    public override T Accept<T>(IFilterVisitor<T> visitor) => visitor.VisitComparison(this);
}

/// <summary><c>attrPath pr</c>.</summary>
public sealed record PresentFilter(AttributePath Path) : Filter
{
    public override T Accept<T>(IFilterVisitor<T> visitor) => visitor.VisitPresent(this);
}

/// <summary>
/// <c>attrPath "[" valFilter "]"</c>: the inner filter applies to each value of the multi-valued (or complex)
/// attribute, and its attribute paths are relative to that value (<c>emails[type eq "work"]</c>).
/// </summary>
public sealed record ValuePathFilter(AttributePath Path, Filter Inner) : Filter
{
    public override T Accept<T>(IFilterVisitor<T> visitor) => visitor.VisitValuePath(this);
}
