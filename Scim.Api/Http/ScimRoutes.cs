namespace Scim.Api.Http;

internal static class ScimRoutes
{
    public const string BasePath = "/scim/v2";
}
