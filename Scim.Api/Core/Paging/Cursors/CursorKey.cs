using System.Security.Cryptography;
using System.Text;

namespace Scim.Api.Core.Paging.Cursors;

/// <summary>
/// One key of the cursor key ring, derived from a configured secret with HKDF-SHA256 (RFC 5869): an AES-256-GCM
/// key, and a 4-byte id that a cursor names so the ring knows which key opens it. The secret itself is never used
/// directly nor carried in a cursor; neither is the configured name of the key.
/// </summary>
internal sealed class CursorKey
{
    public const int IdBytes = 4;

    private static readonly byte[] EncryptionInfo = Encoding.ASCII.GetBytes("scim cursor aes-256-gcm v2");
    private static readonly byte[] IdInfo = Encoding.ASCII.GetBytes("scim cursor key id v2");

    public CursorKey(byte[] secret)
    {
        EncryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: EncryptionInfo);
        Id = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, IdBytes, salt: [], info: IdInfo);
    }

    public byte[] Id { get; }

    public byte[] EncryptionKey { get; }
}
