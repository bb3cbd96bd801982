using Microsoft.Extensions.DependencyInjection;
using Scim.Api.Application;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Tests.Endpoints;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Application;

/// <summary><c>password</c> is accepted, stored only as an Argon2id hash, and returned by no endpoint or projection.</summary>
public sealed class PasswordStorageTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    [Fact]
    public async Task Password_IsStoredAsArgon2id_AndNeverReturned()
    {
        using var client = factory.CreateScimClient();
        const string password = "t0p-Secret-passw0rd";
        var created = await client.CreateUserAsync(ScimHttp.UniqueName(), $$""","password":"{{password}}" """);
        var id = created.Id();

        string[] reads =
        [
            $"/scim/v2/Users/{id}",
            $"/scim/v2/Users/{id}?attributes=password",
            $"/scim/v2/Users/{id}?attributes=password,userName",
            $"/scim/v2/Users?filter=id eq \"{id}\"&attributes=password",
            $"/scim/v2/Users?filter=password pr and id eq \"{id}\"",
        ];
        Assert.Null(created["password"]);
        foreach (var read in reads)
        {
            var body = await (await client.GetAsync(read, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain("password\"", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("argon2", body, StringComparison.Ordinal);
        }

        var store = factory.Services.GetRequiredService<IResourceStore>();
        var stored = await store.GetAsync(
            new ResourceKey(ScimApiFactory.Tenant, BuiltInSchemas.UserResourceType, id), ReadOptions.DocumentOnly, TestContext.Current.CancellationToken);
        var hash = stored!.Document["password"]!.GetValue<string>();
        Assert.StartsWith("$argon2id$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify(password, hash));
    }
}
