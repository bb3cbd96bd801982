namespace Scim.Api.Endpoints;

internal static class ScimRoutes
{
    public const string BasePath = "/scim/v2";
}
