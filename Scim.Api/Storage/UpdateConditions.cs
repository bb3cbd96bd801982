using Scim.Api.Core.Storage;

namespace Scim.Api.Storage;

/// <summary>The rule every store enforces on an update without a version condition.</summary>
internal static class UpdateConditions
{
    public static void EnsureDocumentIsVersioned(ResourceUpdate update, long? expectedVersion)
    {
        if (expectedVersion is null && update.Document is not null)
        {
            throw UnversionedDocument(update.Key);
        }
    }

    // A document is computed from a read: written without the compare-and-swap it would undo a concurrent change.
    public static ArgumentException UnversionedDocument(ResourceKey key) => new(
        $"The update of {key.Type.Name} '{key.Id}' replaces the document, so it needs the version that document was "
        + "computed from; only an update that keeps the document may go without one.",
        "expectedVersion");
}
