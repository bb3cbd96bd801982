namespace Scim.Api.Http;

internal static class ScimMediaTypes
{
    public const string Scim = "application/scim+json";
    public const string Json = "application/json";
}
