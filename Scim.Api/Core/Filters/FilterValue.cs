using System.Globalization;

namespace Scim.Api.Core.Filters;

/// <summary>A comparison value (RFC 7644 <c>compValue</c>): a JSON string, number, true, false or null.</summary>
public abstract record FilterValue;

/// <summary>A string value; dateTimes, references and binary values are strings too, typed by their attribute.</summary>
public sealed record StringValue(string Value) : FilterValue
{
    public override string ToString() => Value;
}

public sealed record NumberValue(decimal Value) : FilterValue
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

public sealed record BooleanValue(bool Value) : FilterValue
{
    public static readonly BooleanValue True = new(true);
    public static readonly BooleanValue False = new(false);

    public override string ToString() => Value ? "true" : "false";
}

public sealed record NullValue : FilterValue
{
    public static readonly NullValue Instance = new();

    private NullValue()
    {
    }

    public override string ToString() => "null";
}
