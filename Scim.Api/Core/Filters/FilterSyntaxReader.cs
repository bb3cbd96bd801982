using System.Globalization;
using System.Text;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Paths;

namespace Scim.Api.Core.Filters;

/// <summary>
/// Recursive-descent reader for RFC 7644 §3.4.2.2 filters and §3.5.2 paths. Positions in error details are
/// 1-based character offsets into the text. Words (attribute paths, operators, keywords, unquoted values) are
/// runs of characters other than whitespace, parentheses, brackets and double quotes; whitespace is needed only
/// where two words would otherwise run together.
/// </summary>
internal sealed class FilterSyntaxReader
{
    private const string FilterStart = "an attribute path, '(' or 'not'";

    private readonly string _text;
    private readonly bool _lenient;
    private readonly string _subject;
    private readonly Func<string, ScimException> _error;
    private int _position;
    private int _logicalOperators;

    public FilterSyntaxReader(string text, bool lenient, string subject, Func<string, ScimException> error)
    {
        _text = text;
        _lenient = lenient;
        _subject = subject;
        _error = error;
    }

    private bool AtEnd => _position >= _text.Length;

    private char Current => _text[_position];

    public Filter ReadWholeFilter()
    {
        SkipWhitespace();
        if (AtEnd)
        {
            throw _error($"The {_subject} is empty; expected {FilterStart} at position {_position + 1}.");
        }

        var filter = ReadOr(0, insideValueFilter: false);
        SkipWhitespace();
        if (!AtEnd)
        {
            throw Unexpected($"'and', 'or' or the end of the {_subject}");
        }

        return filter;
    }

    /// <summary>RFC 7644 §3.5.2: PATH = attrPath / valuePath [subAttr].</summary>
    public ScimPath ReadWholePath()
    {
        var path = ReadLeadingAttributePath();
        Filter? valueFilter = null;
        var subAttribute = path.SubAttribute;
        if (!AtEnd && Current == '[')
        {
            if (path.SubAttribute is not null)
            {
                throw _error($"Unexpected '[' at position {_position + 1}; a value filter must follow an attribute name, not the sub-attribute '{path.SubAttribute}'.");
            }

            valueFilter = ReadBracketedValueFilter(0);
            if (!AtEnd && Current == '.')
            {
                subAttribute = ReadSubAttributeAfterDot();
            }
        }

        SkipWhitespace();
        if (!AtEnd)
        {
            throw Unexpected(valueFilter is null
                ? $"'[', a value filter, or the end of the {_subject}"
                : $"'.' and a sub-attribute name, or the end of the {_subject}");
        }

        return new ScimPath(path.SchemaUrn, path.Name, valueFilter, subAttribute);
    }

    /// <summary>An attrPath alone (sortBy, attributes, excludedAttributes).</summary>
    public AttributePath ReadWholeAttributePath()
    {
        var path = ReadLeadingAttributePath();
        SkipWhitespace();
        if (!AtEnd)
        {
            throw Unexpected($"the end of the {_subject} (an attribute path takes no value filter)");
        }

        return path;
    }

    private AttributePath ReadLeadingAttributePath()
    {
        SkipWhitespace();
        if (AtEnd)
        {
            throw _error($"The {_subject} is empty; expected an attribute path at position {_position + 1}.");
        }

        if (!IsWordChar(Current))
        {
            throw Unexpected("an attribute path");
        }

        var start = _position;
        return ToAttributePath(ReadWord(), start);
    }

    private Filter ReadOr(int depth, bool insideValueFilter)
    {
        var left = ReadAnd(depth, insideValueFilter);
        while (TryReadKeyword("or"))
        {
            CountLogicalOperator();
            left = new OrFilter(left, ReadAnd(depth, insideValueFilter));
        }

        return left;
    }

    private Filter ReadAnd(int depth, bool insideValueFilter)
    {
        var left = ReadUnary(depth, insideValueFilter);
        while (TryReadKeyword("and"))
        {
            CountLogicalOperator();
            left = new AndFilter(left, ReadUnary(depth, insideValueFilter));
        }

        return left;
    }

    private Filter ReadUnary(int depth, bool insideValueFilter)
    {
        SkipWhitespace();
        if (AtEnd || (Current != '(' && !IsWordChar(Current)))
        {
            throw Unexpected(FilterStart);
        }

        if (Current == '(')
        {
            return ReadParenthesized(depth, insideValueFilter);
        }

        var start = _position;
        var word = ReadWord();
        if (string.Equals(word, "not", StringComparison.OrdinalIgnoreCase))
        {
            var afterWord = _position;
            SkipWhitespace();
            if (!AtEnd && Current == '(')
            {
                CountLogicalOperator();
                return new NotFilter(ReadParenthesized(depth, insideValueFilter));
            }

            // "not" is also a valid attribute name: "not pr", "not eq 1" and "not[…]" use it as one.
            if (AtEnd || !(Current == '[' || (IsWordChar(Current) && ComparisonOperatorText.IsOperatorWord(PeekWord()))))
            {
                throw _error($"Expected '(' after 'not' at position {_position + 1}; negation is written not (filter) (RFC 7644 §3.4.2.2).");
            }

            _position = afterWord;
        }

        var path = ToAttributePath(word, start);
        SkipWhitespace();
        if (!AtEnd && Current == '[')
        {
            if (insideValueFilter)
            {
                throw _error($"Unexpected '[' at position {_position + 1}; value filters cannot be nested.");
            }

            var valueFilter = ReadBracketedValueFilter(depth);
            return _lenient && TryReadComparisonAfterValueFilter() is { } comparison
                ? new ValuePathFilter(path, new AndFilter(valueFilter, comparison))
                : new ValuePathFilter(path, valueFilter);
        }

        return ReadOperatorAndValue(path, word);
    }

    /// <summary><c>compareOp compValue</c> or <c>pr</c> after an attribute path written as <paramref name="pathText"/>.</summary>
    private Filter ReadOperatorAndValue(AttributePath path, string pathText)
    {
        if (AtEnd || !IsWordChar(Current))
        {
            throw Unexpected($"an operator ({ComparisonOperatorText.AllOperators}) after '{JsonLiteralText.Printable(pathText)}'");
        }

        var operatorStart = _position;
        var operatorWord = ReadWord();
        if (string.Equals(operatorWord, ComparisonOperatorText.Present, StringComparison.OrdinalIgnoreCase))
        {
            return new PresentFilter(path);
        }

        if (!ComparisonOperatorText.TryParse(operatorWord, out var op))
        {
            throw _error($"Unknown operator '{JsonLiteralText.Printable(operatorWord)}' at position {operatorStart + 1}; expected {ComparisonOperatorText.AllOperators}.");
        }

        return new ComparisonFilter(path, op, ReadValue(operatorWord));
    }

    /// <summary>
    /// Lenient only: a comparison that follows a value filter, <c>emails[type eq "work"].value eq "x"</c> (Entra builds
    /// its matching filter from a mapped target attribute written this way) or <c>emails[type eq "work"] eq "x"</c>
    /// (Microsoft's SCIM tutorial; it means the <c>value</c> sub-attribute). Both mean one value that satisfies the
    /// value filter and the comparison, so the comparison joins the value filter with <c>and</c>. Returns null, having
    /// read nothing, when no such comparison follows.
    /// </summary>
    private Filter? TryReadComparisonAfterValueFilter()
    {
        if (AtEnd)
        {
            return null;
        }

        string subAttribute;
        if (Current == '.')
        {
            subAttribute = ReadSubAttributeAfterDot();
        }
        else
        {
            var start = _position;
            SkipWhitespace();
            if (AtEnd || !IsWordChar(Current) || !ComparisonOperatorText.IsOperatorWord(PeekWord()))
            {
                _position = start;
                return null;
            }

            subAttribute = "value";
        }

        SkipWhitespace();
        return ReadOperatorAndValue(AttributePath.Of(subAttribute), subAttribute);
    }

    /// <summary>The <c>subAttr</c> of <c>valuePath subAttr</c>, the current character being its '.'.</summary>
    private string ReadSubAttributeAfterDot()
    {
        _position++;
        var start = _position;
        var name = AtEnd || !IsWordChar(Current) ? "" : ReadWord();
        if (!AttributePathSyntax.IsAttributeName(name))
        {
            throw name.Length == 0
                ? Unexpected("a sub-attribute name after '.'")
                : _error($"Invalid sub-attribute at position {start + 1}; {AttributePathSyntax.NotANameProblem(name)}.");
        }

        return name;
    }

    private Filter ReadParenthesized(int depth, bool insideValueFilter)
    {
        EnterNesting(depth);
        var open = _position;
        _position++;
        var inner = ReadOr(depth + 1, insideValueFilter);
        ExpectCloser(')', open);
        return inner;
    }

    private Filter ReadBracketedValueFilter(int depth)
    {
        EnterNesting(depth);
        var open = _position;
        _position++;
        var inner = ReadOr(depth + 1, insideValueFilter: true);
        ExpectCloser(']', open);
        return inner;
    }

    private void ExpectCloser(char closer, int openPosition)
    {
        SkipWhitespace();
        if (AtEnd)
        {
            throw _error($"Unexpected end of the {_subject} at position {_position + 1}; expected '{closer}' to close the '{(closer == ')' ? '(' : '[')}' at position {openPosition + 1}.");
        }

        if (Current != closer)
        {
            throw Unexpected($"'and', 'or' or '{closer}'");
        }

        _position++;
    }

    private FilterValue ReadValue(string operatorWord)
    {
        SkipWhitespace();
        if (AtEnd)
        {
            throw _error($"Missing value at position {_position + 1}; expected a value after '{operatorWord}'.");
        }

        if (Current == '"')
        {
            return new StringValue(ReadString());
        }

        if (!IsWordChar(Current))
        {
            throw Unexpected($"a value after '{operatorWord}'");
        }

        var start = _position;
        var word = ReadWord();
        if (string.Equals(word, "true", StringComparison.OrdinalIgnoreCase))
        {
            return BooleanValue.True;
        }

        if (string.Equals(word, "false", StringComparison.OrdinalIgnoreCase))
        {
            return BooleanValue.False;
        }

        if (string.Equals(word, "null", StringComparison.OrdinalIgnoreCase))
        {
            return NullValue.Instance;
        }

        if (JsonLiteralText.IsNumber(word))
        {
            return JsonLiteralText.TryConvertNumber(word, out var number)
                ? new NumberValue(number)
                : throw _error($"The number '{word}' at position {start + 1} is out of range.");
        }

        if (_lenient)
        {
            return new StringValue(word);
        }

        throw _error($"Unquoted value '{JsonLiteralText.Printable(word)}' at position {start + 1}; string values must be in double quotes.");
    }

    private string ReadString()
    {
        var start = _position;
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw _error($"Unterminated string starting at position {start + 1}; expected a closing '\"'.");
            }

            var c = Current;
            if (c == '"')
            {
                _position++;
                return builder.ToString();
            }

            if (c == '\\')
            {
                builder.Append(ReadEscape(start));
                continue;
            }

            if (c < ' ' && !_lenient)
            {
                throw _error($"Unescaped control character {JsonLiteralText.Printable(c.ToString())} at position {_position + 1}; control characters in strings must be escaped.");
            }

            builder.Append(c);
            _position++;
        }
    }

    private char ReadEscape(int stringStart)
    {
        var escapeStart = _position;
        _position++;
        if (AtEnd)
        {
            throw _error($"Unterminated string starting at position {stringStart + 1}; expected a closing '\"'.");
        }

        var c = Current;
        _position++;
        switch (c)
        {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (_position + 4 <= _text.Length && IsHex(_text.AsSpan(_position, 4)))
                {
                    var code = int.Parse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    _position += 4;
                    return (char)code;
                }

                throw _error($"Invalid escape at position {escapeStart + 1}; \\u must be followed by four hexadecimal digits.");
            default:
                throw _error($"Invalid escape '\\{JsonLiteralText.Printable(c.ToString())}' at position {escapeStart + 1}; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX.");
        }
    }

    private static bool IsHex(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private AttributePath ToAttributePath(string word, int start)
    {
        var path = AttributePathSyntax.TryParse(word, out var problem);
        return path ?? throw _error($"Invalid attribute path '{JsonLiteralText.Printable(word)}' at position {start + 1}; {problem}.");
    }

    private bool TryReadKeyword(string keyword)
    {
        var save = _position;
        SkipWhitespace();
        if (!AtEnd && IsWordChar(Current) && string.Equals(PeekWord(), keyword, StringComparison.OrdinalIgnoreCase))
        {
            _position += keyword.Length;
            return true;
        }

        _position = save;
        return false;
    }

    private void EnterNesting(int depth)
    {
        if (depth >= FilterParser.MaxNestingDepth)
        {
            throw _error($"The {_subject} nests deeper than {FilterParser.MaxNestingDepth} levels at position {_position + 1}.");
        }
    }

    private void CountLogicalOperator()
    {
        if (++_logicalOperators > FilterParser.MaxLogicalOperators)
        {
            throw _error($"The {_subject} has more than {FilterParser.MaxLogicalOperators} 'and', 'or' and 'not' operators (at position {_position + 1}).");
        }
    }

    private ScimException Unexpected(string expected)
    {
        var found = AtEnd ? $"end of the {_subject}"
            : IsWordChar(Current) ? $"'{JsonLiteralText.Printable(PeekWord())}'"
            : $"'{JsonLiteralText.Printable(Current.ToString())}'";
        return _error($"Unexpected {found} at position {_position + 1}; expected {expected}.");
    }

    private string ReadWord()
    {
        var word = PeekWord();
        _position += word.Length;
        return word;
    }

    private string PeekWord()
    {
        var end = _position;
        while (end < _text.Length && IsWordChar(_text[end]))
        {
            end++;
        }

        return _text[_position..end];
    }

    private void SkipWhitespace()
    {
        while (!AtEnd && IsWhitespace(Current))
        {
            _position++;
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsWordChar(char c) => !IsWhitespace(c) && c is not ('(' or ')' or '[' or ']' or '"');
}
