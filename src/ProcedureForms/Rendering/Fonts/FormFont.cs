using System.Runtime.InteropServices;
using System.Text;
using HarfBuzzSharp;
using ProcedureForms.Validation;
using Buffer = HarfBuzzSharp.Buffer;
using Font = HarfBuzzSharp.Font;

namespace ProcedureForms.Rendering.Fonts;

/// <summary>
/// A font forms can be printed with. Its data is loaded once per process and never changes; documents embed a subset
/// made for the characters they use. It also answers the print check (<see cref="IGlyphCoverage"/>).
/// </summary>
public sealed class FormFont : IGlyphCoverage
{
    private static readonly Language Japanese = new("ja");

    private readonly Font _font;

    // The font data lives in native memory owned by this object, and the blob has no release callback. Letting
    // HarfBuzzSharp own it instead crashed the process: a finalized managed Blob released memory (or a callback) that
    // the native face still used, seen as corrupt subsets and crashes under concurrent rendering with collections.
    private readonly FontMemory _memory;
    private readonly Blob _blob;

    private FormFont(string name, byte[] data)
    {
        Name = name;
        _memory = new FontMemory(data);
        _blob = new Blob(_memory.Pointer, data.Length, MemoryMode.ReadOnly);
        _blob.MakeImmutable();
        Face = new Face(_blob, 0);
        Face.MakeImmutable();
        if (Face.GlyphCount == 0) throw new ArgumentException($"'{name}' is not a TrueType/OpenType font.", nameof(data));
        UnitsPerEm = Face.UnitsPerEm;
        _font = new Font(Face);
        _font.SetScale(UnitsPerEm, UnitsPerEm);
    }

    /// <summary>The name callers choose the font by, e.g. "IPAex Mincho".</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public string FontName => Name;

    internal Face Face { get; }

    internal int UnitsPerEm { get; }

    /// <summary>Loads a font (TrueType or OpenType, one face) from a stream, e.g. IPAmj Mincho for MJ names.</summary>
    /// <exception cref="ArgumentException">The data is not a font.</exception>
    public static FormFont FromStream(string name, Stream data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(data);
        using var buffer = new MemoryStream();
        data.CopyTo(buffer);
        return new FormFont(name, buffer.ToArray());
    }

    /// <inheritdoc/>
    public bool Covers(int codePoint) => _font.TryGetNominalGlyph(codePoint, out var glyph) && glyph != 0;

    /// <inheritdoc/>
    public bool Covers(int baseCodePoint, int variationSelector) =>
        _font.TryGetVariationGlyph(baseCodePoint, (uint)variationSelector, out var glyph) && glyph != 0;

    /// <summary>The glyph the font's character map gives <paramref name="codePoint"/>, or 0 when it has none.</summary>
    internal uint NominalGlyph(int codePoint) => _font.TryGetNominalGlyph(codePoint, out var glyph) ? glyph : 0;

    /// <summary>The advance width of <paramref name="text"/> at <paramref name="size"/> points, as shaped by HarfBuzz.</summary>
    public double Measure(string text, double size)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Advance(text) * size / UnitsPerEm;
    }

    /// <summary>The advance width of <paramref name="text"/> in font units (widths scale linearly with the size).</summary>
    internal long Advance(string text)
    {
        if (text.Length == 0) return 0;
        var buffer = Scratch();
        buffer.AddUtf16(text);
        buffer.Language = Japanese;
        buffer.GuessSegmentProperties();
        _font.Shape(buffer);
        long advance = 0;
        foreach (var position in buffer.GetGlyphPositionSpan()) advance += position.XAdvance;
        buffer.ClearContents(); // a resident's text is not left in the thread's buffer
        return advance;
    }

    /// <summary>
    /// Shapes UTF-8 text: glyph ids (of the full font; the document's subset renumbers them), advances and offsets in font
    /// units, and each glyph's cluster (its first byte in the text).
    /// </summary>
    internal (uint Glyph, uint Cluster, int XAdvance, int XOffset, int YOffset)[] Shape(ReadOnlySpan<byte> utf8)
    {
        (uint, uint, int, int, int)[]? into = null;
        return ShapeInto(utf8, ref into).ToArray();
    }

    /// <summary>
    /// <see cref="Shape"/> into <paramref name="into"/>, grown when too small: the drawing reuses one array for every
    /// text instead of allocating one each (a tenth of a page's allocation).
    /// </summary>
    internal ReadOnlySpan<(uint Glyph, uint Cluster, int XAdvance, int XOffset, int YOffset)> ShapeInto(ReadOnlySpan<byte> utf8, ref (uint, uint, int, int, int)[]? into)
    {
        var buffer = Scratch();
        buffer.AddUtf8(utf8);
        buffer.Language = Japanese;
        buffer.GuessSegmentProperties();
        _font.Shape(buffer);
        var infos = buffer.GetGlyphInfoSpan();
        var positions = buffer.GetGlyphPositionSpan();
        if (into is null || into.Length < infos.Length) into = new (uint, uint, int, int, int)[Math.Max(infos.Length, 64)];
        var count = infos.Length;
        for (var i = 0; i < count; i++)
            into[i] = (infos[i].Codepoint, infos[i].Cluster, positions[i].XAdvance, positions[i].XOffset, positions[i].YOffset);
        buffer.ClearContents(); // a resident's text is not left in the thread's buffer
        return into.AsSpan(0, count);
    }

    /// <summary>The glyph ids HarfBuzz chooses for <paramref name="text"/> (a variation sequence gives one glyph).</summary>
    internal uint[] GlyphIds(string text)
    {
        var buffer = Scratch();
        buffer.AddUtf16(text);
        buffer.GuessSegmentProperties();
        _font.Shape(buffer);
        var infos = buffer.GetGlyphInfoSpan();
        var ids = new uint[infos.Length];
        for (var i = 0; i < ids.Length; i++) ids[i] = infos[i].Codepoint;
        buffer.ClearContents();
        return ids;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    // One shaping buffer per thread, emptied before each use: a layout shapes hundreds of texts, and a buffer per text
    // was most of the allocation of measuring. It holds no font, so any font may use it.
    [ThreadStatic] private static Buffer? t_scratch;

    private static Buffer Scratch()
    {
        var buffer = t_scratch ??= new Buffer();
        buffer.ClearContents();
        return buffer;
    }

    internal static FormFont FromResource(string name, string resource)
    {
        using var stream = typeof(FormFont).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded font {resource} is missing from the assembly.");
        return FromStream(name, stream);
    }

    /// <summary>
    /// Native memory freed only when nothing can reach the font any more. HarfBuzz objects finalized later do not read
    /// the font data when they are destroyed.
    /// </summary>
    private sealed unsafe class FontMemory
    {
        public FontMemory(byte[] data)
        {
            Pointer = (IntPtr)NativeMemory.Alloc((nuint)data.Length);
            data.CopyTo(new Span<byte>((void*)Pointer, data.Length));
        }

        public IntPtr Pointer { get; }

        ~FontMemory() => NativeMemory.Free((void*)Pointer);
    }
}
