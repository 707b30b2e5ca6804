using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace ProcedureForms.Templates;

/// <summary>
/// Checks a template's raw bytes against <see cref="TemplateLimits"/> before any PDF parser sees them: the parser
/// trusts the file (no bound on objects, recursion as deep as the nesting), so a hostile template is refused here.
/// Compressed object streams are expanded, within the limit, and scanned too.
/// </summary>
internal static partial class TemplateScan
{
    [GeneratedRegex(@"(?<!\d)\d{1,10}\s+\d{1,5}\s+obj\b")]
    private static partial Regex ObjectHeader();

    [GeneratedRegex(@"/Type\s*/ObjStm")]
    private static partial Regex ObjectStream();

    [GeneratedRegex(@"/FlateDecode")]
    private static partial Regex Flate();

    [GeneratedRegex(@"/N\s+(\d{1,9})")]
    private static partial Regex ObjectCount();

    /// <summary>Throws <see cref="TemplateException"/> when <paramref name="pdf"/> breaks a limit or is not a PDF at all.</summary>
    public static void Check(ReadOnlySpan<byte> pdf, string file, TemplateLimits limits)
    {
        if (pdf.Length > limits.MaxBytes)
            throw new TemplateException(file, $"the file is {pdf.Length:N0} bytes, over the limit of {limits.MaxBytes:N0} (TemplateLimits.MaxBytes).");
        var head = pdf[..Math.Min(pdf.Length, 1024)];
        if (head.IndexOf("%PDF-"u8) < 0) throw new TemplateException(file, "the file is not a PDF (no %PDF- header).");

        var text = Encoding.Latin1.GetString(pdf); // a byte-preserving view
        long objects = ObjectHeader().Count(text);
        long expanded = 0;
        var depth = Nesting(pdf, limits.MaxNesting, file);
        foreach (Match match in ObjectStream().Matches(text))
        {
            var dictionaryEnd = text.IndexOf("stream", match.Index, StringComparison.Ordinal);
            if (dictionaryEnd < 0) continue;
            var dictionary = text[Math.Max(0, text.LastIndexOf("obj", match.Index, StringComparison.Ordinal))..dictionaryEnd];
            if (ObjectCount().Match(dictionary) is { Success: true } n) objects += long.Parse(n.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (!dictionary.Contains("/FlateDecode", StringComparison.Ordinal)) continue;
            var start = dictionaryEnd + "stream".Length;
            while (start < text.Length && text[start] is '\r' or '\n') start++;
            var end = text.IndexOf("endstream", start, StringComparison.Ordinal);
            if (end < 0) continue;
            var inflated = Inflate(pdf[start..end], limits.MaxExpandedBytes - expanded, file);
            expanded += inflated.Length;
            depth = Math.Max(depth, Nesting(inflated, limits.MaxNesting, file));
        }
        // Every other deflated stream (page content, fonts, images) is expanded too, within what is left of the budget: a
        // few kilobytes that inflate to gigabytes would otherwise exhaust memory when a page is read.
        var scanned = new HashSet<int>();
        foreach (Match match in Flate().Matches(text))
        {
            var start = text.IndexOf("stream", match.Index, StringComparison.Ordinal);
            if (start < 0 || !scanned.Add(start) || text.AsSpan(Math.Max(0, start - 3), 3).SequenceEqual("end")) continue;
            var objectEnd = text.IndexOf("endobj", match.Index, StringComparison.Ordinal);
            if (objectEnd >= 0 && objectEnd < start) continue; // a /FlateDecode naming a filter of a stream elsewhere
            if (text.AsSpan(match.Index, start - match.Index).Contains("/ObjStm", StringComparison.Ordinal)) continue; // expanded above
            start += "stream".Length;
            while (start < text.Length && text[start] is '\r' or '\n') start++;
            var end = text.IndexOf("endstream", start, StringComparison.Ordinal);
            if (end < 0) continue;
            expanded += Inflate(pdf[start..end], limits.MaxExpandedBytes - expanded, file).Length;
        }
        if (objects > limits.MaxObjects)
            throw new TemplateException(file, $"the file holds {objects:N0} objects, over the limit of {limits.MaxObjects:N0} (TemplateLimits.MaxObjects).");
    }

    /// <summary>The deepest nesting of arrays and dictionaries outside strings, comments and stream data.</summary>
    private static int Nesting(ReadOnlySpan<byte> pdf, int limit, string file)
    {
        int depth = 0, deepest = 0;
        for (var i = 0; i < pdf.Length; i++)
        {
            var b = pdf[i];
            switch (b)
            {
                case (byte)'%':
                    while (i < pdf.Length && pdf[i] is not ((byte)'\n' or (byte)'\r')) i++;
                    break;
                case (byte)'(':
                    var parens = 1;
                    for (i++; i < pdf.Length && parens > 0; i++)
                    {
                        if (pdf[i] == (byte)'\\') i++;
                        else if (pdf[i] == (byte)'(') parens++;
                        else if (pdf[i] == (byte)')') parens--;
                    }
                    i--;
                    break;
                case (byte)'[':
                    depth++;
                    break;
                case (byte)']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case (byte)'<' when i + 1 < pdf.Length && pdf[i + 1] == (byte)'<':
                    depth++;
                    i++;
                    break;
                case (byte)'>' when i + 1 < pdf.Length && pdf[i + 1] == (byte)'>':
                    depth = Math.Max(0, depth - 1);
                    i++;
                    break;
                case (byte)'s' when pdf[i..].StartsWith("stream"u8) && (i == 0 || pdf[i - 1] is not ((byte)'d' or (byte)'e')):
                    var end = pdf[i..].IndexOf("endstream"u8);
                    if (end < 0) return deepest;
                    i += end + "endstream".Length - 1;
                    depth = 0; // a stream ends its object
                    break;
            }
            if (depth > deepest) deepest = depth;
            if (deepest > limit)
                throw new TemplateException(file, $"arrays and dictionaries nest more than {limit} deep (TemplateLimits.MaxNesting).");
        }
        return deepest;
    }

    private static byte[] Inflate(ReadOnlySpan<byte> data, long budget, string file)
    {
        using var input = new MemoryStream(data.ToArray());
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                if (output.Length + read > budget)
                    throw new TemplateException(file, "its compressed streams expand past the limit (TemplateLimits.MaxExpandedBytes).");
                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            // A damaged stream: the parser reports the file as damaged, with its own words.
        }
        return output.ToArray();
    }
}
