using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>
/// Touches up what Skia writes: PDF/A's time-based UUIDs become UUIDs derived from the content (so the same input
/// gives the same bytes), and the catalog gets <c>/Lang</c>, which SkiaSharp does not expose, through an incremental
/// update (the PDF way to change a finished file without moving its objects).
/// </summary>
internal static partial class PdfPostProcessor
{
    [GeneratedRegex(@"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex XmpUuid();

    [GeneratedRegex(@"/ID \[(?:<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))\s*(?:<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))\]", RegexOptions.Singleline)]
    private static partial Regex TrailerId();

    /// <summary>Derives PDF/A's ids from the content and adds the language; for a PDF held in memory. Null when the catalog is not found.</summary>
    public static byte[]? Finish(byte[] pdf, string language)
    {
        var text = ReplaceUuids(Encoding.Latin1.GetString(pdf)); // Latin-1: a byte-preserving view
        using var output = new MemoryStream();
        var bytes = Encoding.Latin1.GetBytes(text);
        output.Write(bytes);
        return AppendLanguage(bytes, 0, output, language) ? output.ToArray() : null;
    }

    /// <summary>
    /// Appends an incremental update that adds <c>/Lang</c> to the catalog. <paramref name="tail"/> is the end of the PDF
    /// (from byte <paramref name="tailOffset"/>), which must hold the catalog and the trailer: Skia writes both last.
    /// Returns false, writing nothing, when they are not found.
    /// </summary>
    public static bool AppendLanguage(ReadOnlySpan<byte> tail, long tailOffset, Stream output, string language)
    {
        // Searched as bytes: the tail is the whole file for a short document, and only the trailer and the catalog are
        // read as text.
        var trailerStart = tail.LastIndexOf("trailer"u8);
        var startxref = tail.LastIndexOf("startxref"u8);
        if (trailerStart < 0 || startxref < trailerStart) return false;
        var trailer = Encoding.Latin1.GetString(tail[(trailerStart + "trailer".Length)..startxref]).Trim();
        var root = Regex.Match(trailer, @"/Root (\d+) (\d+) R");
        var previous = Regex.Match(Encoding.Latin1.GetString(tail[startxref..]), @"startxref\s+(\d+)");
        if (!root.Success || !previous.Success) return false;

        var objectHeader = Encoding.Latin1.GetBytes($"\n{root.Groups[1].Value} {root.Groups[2].Value} obj");
        var objectStart = tail[..trailerStart].LastIndexOf(objectHeader);
        if (objectStart < 0) return false;
        var bodyStart = objectStart + objectHeader.Length;
        var objectLength = tail[bodyStart..].IndexOf("endobj"u8);
        if (objectLength < 0) return false;
        var catalog = Encoding.Latin1.GetString(tail.Slice(bodyStart, objectLength)).Trim();
        if (!catalog.StartsWith("<<", StringComparison.Ordinal) || catalog.Contains("/Lang", StringComparison.Ordinal)) return false;

        var sb = new StringBuilder();
        if (tail.Length == 0 || tail[^1] != (byte)'\n') sb.Append('\n');
        var length = tailOffset + tail.Length;
        var offset = length + sb.Length;
        sb.Append($"{root.Groups[1].Value} {root.Groups[2].Value} obj\n<</Lang ({language})\n{catalog[2..]}\nendobj\n");
        var xref = length + sb.Length;
        sb.Append($"xref\n0 1\n0000000000 65535 f \n{root.Groups[1].Value} 1\n{offset:D10} {int.Parse(root.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture):D5} n \n");
        sb.Append($"trailer\n{trailer.TrimEnd('>').TrimEnd()}\n/Prev {previous.Groups[1].Value}>>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Encoding.Latin1.GetBytes(sb.ToString()));
        return true;
    }

    private static string ReplaceUuids(string pdf)
    {
        if (!XmpUuid().IsMatch(pdf)) return pdf;
        // Hash the file with every UUID blanked, so the new one depends on nothing but the content.
        var blanked = TrailerId().Replace(XmpUuid().Replace(pdf, "uuid:"), "/ID []");
        var hash = SHA256.HashData(Encoding.Latin1.GetBytes(blanked));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5 (name-based, SHA)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        var uuid = new Guid(hash.AsSpan(0, 16), bigEndian: true);
        var hex = Convert.ToHexString(hash.AsSpan(0, 16));
        var result = XmpUuid().Replace(pdf, "uuid:" + uuid.ToString("D"));
        return TrailerId().Replace(result, $"/ID [<{hex}> <{hex}>]");
    }
}
