using Microsoft.Extensions.Options;
using Scim.Api.Application;
using Scim.Api.Application.Audit;
using Scim.Api.Application.Events;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Support;

/// <summary>The resource pipeline over a given store, with the service's default options, for tests that drive it directly.</summary>
internal static class TestPipelines
{
    public static ResourcePipeline Over(IResourceStore store, ScimServiceOptions? options = null, PasswordHashing? passwords = null)
    {
        var scim = Options.Create(options ?? new ScimServiceOptions());
        return new ResourcePipeline(
            store,
            scim,
            TimeProvider.System,
            new AuditEntries(Options.Create(new AuditOptions()), Options.Create(new ChangeEventOptions())),
            Options.Create(new SoftDeleteOptions()),
            SchemaRegistry.CreateDefault(),
            passwords ?? new PasswordHashing(scim));
    }
}
