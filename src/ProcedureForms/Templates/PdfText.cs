using System.Globalization;
using System.Text;
using PdfSharp.Pdf;

namespace ProcedureForms.Templates;

/// <summary>
/// Text of a template's strings and names as a designer reads it. Producers write Japanese field names several ways:
/// UTF-16 with a byte order mark, raw UTF-8 bytes, or #xx escapes left inside a string (LibreOffice); all read back as
/// the same text.
/// </summary>
internal static class PdfText
{
    /// <summary>A string (or a name) item's text; empty when absent.</summary>
    public static string Decode(PdfItem? item) => TemplatePdf.Resolve(item) switch
    {
        PdfString s => Decode(s.Value),
        PdfStringObject s => Decode(s.Value),
        PdfName n => DecodeName(n.Value),
        _ => "",
    };

    /// <summary>A name (with or without its slash) as text: #xx escapes read as UTF-8.</summary>
    public static string DecodeName(string name) => Decode(name.StartsWith('/') ? name[1..] : name);

    private static string Decode(string value)
    {
        if (value.Length == 0) return value;
        // Bytes as PDFsharp kept them (one char a byte), with #xx escapes undone.
        if (value.Any(c => c > 0xFF)) return value; // already decoded from UTF-16
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '#' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                bytes.Add(byte.Parse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
                continue;
            }
            bytes.Add((byte)value[i]);
        }
        var raw = bytes.ToArray();
        if (raw.Length >= 2 && raw[0] == 0xFE && raw[1] == 0xFF) return Encoding.BigEndianUnicode.GetString(raw, 2, raw.Length - 2);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(raw); // PDFDocEncoding, close enough for names
        }
    }
}
