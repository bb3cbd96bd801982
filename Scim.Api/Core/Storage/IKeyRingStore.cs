namespace Scim.Api.Core.Storage;

/// <summary>
/// Where the operator console's cookie keys are kept when no directory is configured: in the store, so every replica
/// reads the same key ring. Keys are opaque XML documents, added and never changed (a revocation is a new document).
/// </summary>
public interface IKeyRingStore
{
    IReadOnlyList<string> ReadAll();

    void Add(string name, string xml);
}
