namespace Scim.Api.Core.Schema;

// RFC 7643 §2.3 and §7: the characteristics every attribute definition carries.

public enum AttributeType
{
    String,
    Boolean,
    Decimal,
    Integer,
    DateTime,
    Binary,
    Reference,
    Complex,
}

public enum Mutability
{
    ReadWrite,
    ReadOnly,
    Immutable,
    WriteOnly,
}

public enum Returned
{
    Default,
    Always,
    Never,
    Request,
}

public enum Uniqueness
{
    None,
    Server,
    Global,
}
