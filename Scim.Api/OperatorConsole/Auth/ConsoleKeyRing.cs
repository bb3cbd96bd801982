using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Scim.Api.Core.Storage;
using Scim.Api.Storage;

namespace Scim.Api.OperatorConsole.Auth;

/// <summary>
/// The Data Protection key ring of the console's cookies, kept in the store (<see cref="IKeyRingStore"/>): every
/// replica reads the same keys, so a cookie issued by one is read by all, and keys survive restarts and rollouts.
/// ASP.NET Core creates a key when none is valid and rotates it every 90 days; each is added here and never changed.
/// </summary>
internal sealed class ConsoleKeyRing(IKeyRingStore store, IStoreLifecycle lifecycle) : IXmlRepository
{
    // Data Protection reads the key ring from a hosted service that may start before the store's initializer:
    // initializing is idempotent, so the first read makes sure the store is ready.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lifecycle.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return [.. store.ReadAll().Select(xml => XElement.Parse(xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        lifecycle.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        store.Add(string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}
