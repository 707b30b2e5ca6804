using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ProcedureForms.Rendering.Fonts;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>
/// A font subset as the PDF embeds it (a Type 0 font over a CIDFontType2, Identity-H, glyph ids of the subset as CIDs),
/// prepared once: the deflated font file, the widths, the ToUnicode map and the descriptor. A form's own subset is
/// made once per form and written into every PDF of that form as these same bytes, so no document deflates it again.
/// Immutable and safe to share between threads.
/// </summary>
internal sealed class EmbeddedFont
{
    private readonly byte[] _fontFile;
    private readonly int _fontLength;
    private readonly byte[] _toUnicode;
    private readonly string _widths;
    private readonly double[] _advances;
    private readonly string _descriptor;

    private EmbeddedFont(FontSubsetter.FontSubset subset, string baseFont, IReadOnlyDictionary<ushort, string> text, byte[] fontFile, int fontLength,
        byte[] toUnicode, double[] advances, string widths, string descriptor)
    {
        _advances = advances;
        Subset = subset;
        BaseFont = baseFont;
        Text = text;
        _fontFile = fontFile;
        _fontLength = fontLength;
        _toUnicode = toUnicode;
        _widths = widths;
        _descriptor = descriptor;
    }

    /// <summary>The subset: its renumbering of the full font's glyphs.</summary>
    public FontSubsetter.FontSubset Subset { get; }

    /// <summary>The font's PDF name with its subset tag (six capitals derived from the subset, e.g. <c>KQWZJB+IPAexMincho</c>).</summary>
    public string BaseFont { get; }

    /// <summary>
    /// The text each subset glyph gives back through the ToUnicode map. A drawn text whose glyphs do not give back exactly
    /// its own characters carries them as ActualText instead.
    /// </summary>
    public IReadOnlyDictionary<ushort, string> Text { get; }

    /// <summary>
    /// Records, for each glyph <paramref name="text"/> shapes to alone in its cluster, the characters it was shaped from
    /// (the first text to reach a glyph wins): what the ToUnicode map gives back for it.
    /// </summary>
    public static void Clusters(FormFont font, string text, IDictionary<uint, string> into, ref (uint, uint, int, int, int)[]? shaped)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var glyphs = font.ShapeInto(utf8, ref shaped);
        Clusters(utf8, glyphs, into);
        shaped.AsSpan(0, glyphs.Length).Clear(); // glyph ids map back to a resident's text
    }

    /// <summary><see cref="Clusters(FormFont, string, IDictionary{uint, string}, ref ValueTuple{uint, uint, int, int, int}[])"/> from glyphs already shaped.</summary>
    public static void Clusters(ReadOnlySpan<byte> utf8, ReadOnlySpan<(uint Glyph, uint Cluster, int XAdvance, int XOffset, int YOffset)> glyphs, IDictionary<uint, string> into)
    {
        for (var i = 0; i < glyphs.Length; i++)
        {
            var single = (i == 0 || glyphs[i - 1].Cluster != glyphs[i].Cluster) && (i + 1 == glyphs.Length || glyphs[i + 1].Cluster != glyphs[i].Cluster);
            if (!single || into.ContainsKey(glyphs[i].Glyph)) continue;
            var start = (int)glyphs[i].Cluster;
            var end = i + 1 < glyphs.Length ? (int)glyphs[i + 1].Cluster : utf8.Length;
            if (end <= start) continue; // reordered: left to ActualText
            into[glyphs[i].Glyph] = Encoding.UTF8.GetString(utf8.Slice(start, end - start));
        }
    }

    /// <summary>
    /// Prepares <paramref name="subset"/> of <paramref name="font"/>. <paramref name="clusters"/> gives the characters
    /// each glyph of the full font was shaped from (see Clusters), and <paramref name="codePoints"/> the
    /// characters the subset holds (a glyph no text reached maps back to its character). The form's subset is deflated
    /// harder than a document's own, since it is made once.
    /// </summary>
    public static EmbeddedFont Create(FormFont font, FontSubsetter.FontSubset subset, IReadOnlyDictionary<uint, string> clusters, IEnumerable<int> codePoints, int deflateLevel)
    {
        var text = new Dictionary<ushort, string>();
        foreach (var (glyph, characters) in clusters.OrderBy(c => c.Key))
            if (subset.TryMap(glyph, out var mapped)) text.TryAdd(mapped, characters);
        foreach (var codePoint in codePoints.Order())
        {
            var glyph = font.NominalGlyph(codePoint);
            if (glyph != 0 && subset.TryMap(glyph, out var mapped)) text.TryAdd(mapped, char.ConvertFromUtf32(codePoint));
        }

        var tables = TrueTypeTables.Read(subset.Data);
        var scale = 1000.0 / tables.UnitsPerEm;
        // Rounded as written, so the drawing places glyphs by exactly the widths a reader sees.
        var advances = tables.Advances.Select(a => double.Parse(Metric(a * scale), CultureInfo.InvariantCulture)).ToArray();
        var widths = new StringBuilder("[0[");
        for (var glyph = 0; glyph < advances.Length; glyph++)
        {
            if (glyph > 0) widths.Append(' ');
            widths.Append(Metric(advances[glyph]));
        }
        widths.Append("]]");

        var tag = Tag(subset.Data);
        var baseFont = tag + "+" + PostScriptName(font.Name);
        var descriptor = $"/Type/FontDescriptor/FontName/{baseFont}/Flags 4/FontBBox[{Metric(tables.XMin * scale)} {Metric(tables.YMin * scale)} " +
            $"{Metric(tables.XMax * scale)} {Metric(tables.YMax * scale)}]/ItalicAngle 0/Ascent {Metric(tables.Ascender * scale)}" +
            $"/Descent {Metric(tables.Descender * scale)}/CapHeight {Metric(tables.CapHeight * scale)}/StemV 80";
        // A form's font is made once and read for every document: frozen. A document's own is read once: a plain dictionary.
        return new EmbeddedFont(subset, baseFont, deflateLevel == PdfObjectWriter.Once ? text.ToFrozenDictionary() : text, PdfObjectWriter.Deflate(subset.Data, deflateLevel), subset.Data.Length,
            PdfObjectWriter.Deflate(ToUnicodeCMap(text), deflateLevel), advances, widths.ToString(), descriptor);
    }

    /// <summary>The advance of a subset glyph in thousandths of the size, as the PDF's widths give it.</summary>
    public double Width(ushort glyph) => glyph < _advances.Length ? _advances[glyph] : 0;

    /// <summary>Writes the font's objects and returns the number of its Type 0 font (what pages name in their resources).</summary>
    public int Write(PdfObjectWriter writer)
    {
        var file = writer.Stream($"/Length1 {_fontLength.ToString(CultureInfo.InvariantCulture)}", _fontFile, deflated: true);
        var descriptor = writer.Object($"<<{_descriptor}/FontFile2 {file} 0 R>>");
        var cidFont = writer.Object($"<</Type/Font/Subtype/CIDFontType2/BaseFont/{BaseFont}/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>" +
            $"/FontDescriptor {descriptor} 0 R/CIDToGIDMap/Identity/DW 1000/W{_widths}>>");
        var toUnicode = writer.Stream("", _toUnicode, deflated: true);
        return writer.Object($"<</Type/Font/Subtype/Type0/BaseFont/{BaseFont}/Encoding/Identity-H/DescendantFonts[{cidFont} 0 R]/ToUnicode {toUnicode} 0 R>>");
    }

    // Font units in thousandths of the size, at single precision as the page's coordinates.
    private static string Metric(double value) => PdfSyntax.Single(value);

    /// <summary>Six capitals from the subset's bytes: two different subsets of one font in one file get different names.</summary>
    private static string Tag(byte[] data)
    {
        var hash = SHA256.HashData(data);
        var tag = new char[6];
        for (var i = 0; i < 6; i++) tag[i] = (char)('A' + hash[i] % 26);
        return new string(tag);
    }

    /// <summary>The name a PDF gives the font: the caller's name without spaces or characters a PDF name would escape.</summary>
    private static string PostScriptName(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_') sb.Append(c);
        return sb.Length == 0 ? "Font" : sb.ToString();
    }

    private static byte[] ToUnicodeCMap(Dictionary<ushort, string> text)
    {
        var sb = new StringBuilder("/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n" +
            "/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n");
        var entries = text.OrderBy(e => e.Key).ToList();
        for (var start = 0; start < entries.Count; start += 100)
        {
            var block = entries.Skip(start).Take(100).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"{block.Count} beginbfchar\n");
            foreach (var (glyph, value) in block)
                sb.Append(CultureInfo.InvariantCulture, $"<{glyph:X4}><{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value))}>\n");
            sb.Append("endbfchar\n");
        }
        sb.Append("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}

/// <summary>The few numbers of a TrueType font the PDF's font dictionaries repeat: its scale, box, ascent and advances.</summary>
internal sealed record TrueTypeTables(int UnitsPerEm, int XMin, int YMin, int XMax, int YMax, int Ascender, int Descender, int CapHeight, int[] Advances)
{
    /// <summary>Reads them from a font file (our own subsets: the tables are there and well formed).</summary>
    /// <exception cref="InvalidOperationException">A table the PDF needs is missing or cut short.</exception>
    public static TrueTypeTables Read(ReadOnlySpan<byte> font)
    {
        var head = Table(font, "head");
        var hhea = Table(font, "hhea");
        var hmtx = Table(font, "hmtx");
        var maxp = Table(font, "maxp");
        var os2 = TryTable(font, "OS/2", out var os2Table) ? os2Table : default;
        if (head.Length < 54 || hhea.Length < 36 || maxp.Length < 6) throw new InvalidOperationException("The font's head, hhea or maxp table is cut short.");
        var unitsPerEm = BinaryPrimitives.ReadUInt16BigEndian(head[18..]);
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(maxp[4..]);
        var metrics = BinaryPrimitives.ReadUInt16BigEndian(hhea[34..]);
        if (metrics == 0 || hmtx.Length < metrics * 4) throw new InvalidOperationException("The font's hmtx table is cut short.");
        var advances = new int[glyphCount];
        for (var g = 0; g < glyphCount; g++)
            advances[g] = BinaryPrimitives.ReadUInt16BigEndian(hmtx[(Math.Min(g, metrics - 1) * 4)..]);
        var ascender = BinaryPrimitives.ReadInt16BigEndian(hhea[4..]);
        // OS/2 version 2 and later carry the capital height; before that the ascender stands in, as PDF writers do.
        var capHeight = os2.Length >= 90 && BinaryPrimitives.ReadUInt16BigEndian(os2) >= 2 ? BinaryPrimitives.ReadInt16BigEndian(os2[88..]) : ascender;
        return new TrueTypeTables(unitsPerEm,
            BinaryPrimitives.ReadInt16BigEndian(head[36..]), BinaryPrimitives.ReadInt16BigEndian(head[38..]),
            BinaryPrimitives.ReadInt16BigEndian(head[40..]), BinaryPrimitives.ReadInt16BigEndian(head[42..]),
            ascender, BinaryPrimitives.ReadInt16BigEndian(hhea[6..]), capHeight, advances);
    }

    private static ReadOnlySpan<byte> Table(ReadOnlySpan<byte> font, string tag) =>
        TryTable(font, tag, out var table) ? table : throw new InvalidOperationException($"The font has no {tag} table.");

    private static bool TryTable(ReadOnlySpan<byte> font, string tag, out ReadOnlySpan<byte> table)
    {
        table = default;
        if (font.Length < 12) return false;
        var count = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        Span<byte> wanted = stackalloc byte[4];
        Encoding.ASCII.GetBytes(tag, wanted);
        for (var i = 0; i < count; i++)
        {
            var record = font.Slice(12 + i * 16, 16);
            if (!record[..4].SequenceEqual(wanted)) continue;
            var offset = BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            if (offset + (long)length > font.Length) return false;
            table = font.Slice((int)offset, (int)length);
            return true;
        }
        return false;
    }
}
