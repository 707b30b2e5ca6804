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

    public static byte[] Finish(byte[] pdf, string language)
    {
        var text = Encoding.Latin1.GetString(pdf); // byte-preserving view
        text = ReplaceUuids(text);
        text = AddLanguage(text, language);
        return Encoding.Latin1.GetBytes(text);
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

    private static string AddLanguage(string pdf, string language)
    {
        var trailerStart = pdf.LastIndexOf("trailer", StringComparison.Ordinal);
        var startxref = pdf.LastIndexOf("startxref", StringComparison.Ordinal);
        if (trailerStart < 0 || startxref < trailerStart) return pdf;
        var trailer = pdf[(trailerStart + "trailer".Length)..startxref].Trim();
        var root = Regex.Match(trailer, @"/Root (\d+) (\d+) R");
        var size = Regex.Match(trailer, @"/Size (\d+)");
        var previous = Regex.Match(pdf[startxref..], @"startxref\s+(\d+)");
        if (!root.Success || !size.Success || !previous.Success) return pdf;

        var objectHeader = $"\n{root.Groups[1].Value} {root.Groups[2].Value} obj";
        var objectStart = pdf.IndexOf(objectHeader, StringComparison.Ordinal);
        if (objectStart < 0) return pdf;
        var bodyStart = objectStart + objectHeader.Length;
        var objectEnd = pdf.IndexOf("endobj", bodyStart, StringComparison.Ordinal);
        var catalog = pdf[bodyStart..objectEnd].Trim();
        if (!catalog.StartsWith("<<", StringComparison.Ordinal) || catalog.Contains("/Lang", StringComparison.Ordinal)) return pdf;
        var updatedCatalog = $"<</Lang ({language})\n{catalog[2..]}";

        var sb = new StringBuilder(pdf);
        if (!pdf.EndsWith('\n')) sb.Append('\n');
        var offset = sb.Length;
        sb.Append($"{root.Groups[1].Value} {root.Groups[2].Value} obj\n{updatedCatalog}\nendobj\n");
        var xref = sb.Length;
        sb.Append($"xref\n0 1\n0000000000 65535 f \n{root.Groups[1].Value} 1\n{offset:D10} {int.Parse(root.Groups[2].Value):D5} n \n");
        var newTrailer = trailer.TrimEnd('>').TrimEnd() + $"\n/Prev {previous.Groups[1].Value}>>";
        sb.Append($"trailer\n{newTrailer}\nstartxref\n{xref}\n%%EOF\n");
        return sb.ToString();
    }
}
