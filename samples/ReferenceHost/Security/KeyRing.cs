using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using ProcedureForms.ReferenceHost.Storage;

namespace ProcedureForms.ReferenceHost.Security;

/// <summary>
/// The Data Protection key ring (what staff cookies are signed and encrypted with) in the submissions database, so
/// every instance of the host reads the keys any of them made, and a restart signs no one out.
/// </summary>
public sealed class DatabaseXmlRepository(SubmissionStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. store.DataProtectionKeys().Select(x => XElement.Parse(x))];

    public void StoreElement(XElement element, string friendlyName) => store.StoreDataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}

/// <summary>
/// The key that encrypts the key ring at rest (Linux has no DPAPI, and a certificate adds a store to manage): 32 random
/// bytes in base64, from configuration (<c>DataProtection:KeyEncryptionKey</c>, an environment variable or a secret
/// store, never the database). The same key on every instance; without it the stored keys cannot be read.
/// </summary>
public sealed class KeyEncryptionKey
{
    private KeyEncryptionKey(byte[] value) => Value = value;

    public byte[] Value { get; }

    /// <summary>A short, non-secret name of the key, stored beside what it encrypted, so a wrong key is named as such.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Value))[..16];

    /// <summary>The configured key, or null when none is configured; a malformed one stops the host.</summary>
    public static KeyEncryptionKey? From(IConfiguration configuration)
    {
        if (configuration["DataProtection:KeyEncryptionKey"] is not { Length: > 0 } text) return null;
        byte[] value;
        try
        {
            value = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("DataProtection:KeyEncryptionKey is not base64: make one with `openssl rand -base64 32`.");
        }
        if (value.Length != 32) throw new InvalidOperationException($"DataProtection:KeyEncryptionKey must be 32 bytes (base64 of `openssl rand -base64 32`); it is {value.Length}.");
        return new KeyEncryptionKey(value);
    }
}

/// <summary>Encrypts each new key of the ring with AES-256-GCM under the <see cref="KeyEncryptionKey"/> before it is stored.</summary>
public sealed class AesGcmXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcmXmlDecryptor.NonceSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[AesGcmXmlDecryptor.TagSize];
        using (var aes = new AesGcm(key.Value, tag.Length)) aes.Encrypt(nonce, plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(key.Id));
        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement("aesGcmEncrypted", new XAttribute("keyEncryptionKey", key.Id),
            new XElement("nonce", Convert.ToBase64String(nonce)), new XElement("tag", Convert.ToBase64String(tag)), new XElement("value", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>Decrypts what <see cref="AesGcmXmlEncryptor"/> stored (Data Protection makes it by type, with the services).</summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    // Fixed, not read from the stored element: a row changed in the database cannot shorten the tag.
    internal const int NonceSize = 12;
    internal const int TagSize = 16;

    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetService<KeyEncryptionKey>()
            ?? throw new InvalidOperationException("The Data Protection keys in the database are encrypted, and no DataProtection:KeyEncryptionKey is configured.");
        if ((string?)encryptedElement.Attribute("keyEncryptionKey") != key.Id)
            throw new InvalidOperationException("The Data Protection keys in the database were encrypted with another DataProtection:KeyEncryptionKey than the one configured.");
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        if (nonce.Length != NonceSize || tag.Length != TagSize) throw new CryptographicException("A Data Protection key in the database has been altered.");
        var ciphertext = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(key.Value, TagSize)) aes.Decrypt(nonce, ciphertext, tag, plaintext, Encoding.ASCII.GetBytes(key.Id));
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
