namespace Scim.Api.Core.Filters;

public interface IFilterVisitor<out T>
{
    T VisitAnd(AndFilter filter);

    T VisitOr(OrFilter filter);

    T VisitNot(NotFilter filter);

    T VisitComparison(ComparisonFilter filter);

    T VisitPresent(PresentFilter filter);

    T VisitValuePath(ValuePathFilter filter);
}
