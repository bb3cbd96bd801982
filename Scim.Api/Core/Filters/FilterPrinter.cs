using System.Globalization;
using System.Text;

namespace Scim.Api.Core.Filters;

/// <summary>
/// Writes a filter tree as canonical RFC 7644 §3.4.2.2 text: lower-case operators, values as JSON literals,
/// single spaces, and parentheses only where the tree's shape needs them (an <c>or</c> under an <c>and</c>, and a
/// right operand of the same operator, since both associate to the left). <see cref="FilterParser.Parse"/> of the
/// result gives back an equal tree.
/// </summary>
public static class FilterPrinter
{
    public static string Print(Filter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var builder = new StringBuilder();
        filter.Accept(new PrintingVisitor(builder));
        return builder.ToString();
    }

    internal static string Print(FilterValue value)
    {
        var builder = new StringBuilder();
        AppendValue(builder, value);
        return builder.ToString();
    }

    private static void AppendValue(StringBuilder builder, FilterValue value)
    {
        switch (value)
        {
            case StringValue text:
                JsonLiteralText.AppendQuoted(builder, text.Value);
                break;
            case NumberValue number:
                builder.Append(number.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case BooleanValue boolean:
                builder.Append(boolean.Value ? "true" : "false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private sealed class PrintingVisitor(StringBuilder builder) : IFilterVisitor<bool>
    {
        public bool VisitAnd(AndFilter filter)
        {
            WriteOperand(filter.Left, filter.Left is OrFilter);
            builder.Append(" and ");
            WriteOperand(filter.Right, filter.Right is OrFilter or AndFilter);
            return true;
        }

        public bool VisitOr(OrFilter filter)
        {
            WriteOperand(filter.Left, parenthesize: false);
            builder.Append(" or ");
            WriteOperand(filter.Right, filter.Right is OrFilter);
            return true;
        }

        public bool VisitNot(NotFilter filter)
        {
            builder.Append("not ");
            WriteOperand(filter.Inner, parenthesize: true);
            return true;
        }

        public bool VisitComparison(ComparisonFilter filter)
        {
            builder.Append(filter.Path).Append(' ').Append(ComparisonOperatorText.ToText(filter.Operator)).Append(' ');
            AppendValue(builder, filter.Value);
            return true;
        }

        public bool VisitPresent(PresentFilter filter)
        {
            builder.Append(filter.Path).Append(" pr");
            return true;
        }

        public bool VisitValuePath(ValuePathFilter filter)
        {
            builder.Append(filter.Path).Append('[');
            filter.Inner.Accept(this);
            builder.Append(']');
            return true;
        }

        private void WriteOperand(Filter operand, bool parenthesize)
        {
            if (parenthesize)
            {
                builder.Append('(');
            }

            operand.Accept(this);
            if (parenthesize)
            {
                builder.Append(')');
            }
        }
    }
}
