using System.Buffers;
using System.Text;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Rendering.Layout;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>
/// The content stream of one page: the layout's rules, boxes, circles, ticks and shaped glyph runs as PDF operators.
/// Coordinates are the layout's (points from the top-left corner): the stream starts by flipping the page's y axis.
/// Text is drawn as glyph ids of the subset, placed where HarfBuzz put them; a text whose glyphs would not give back
/// exactly its characters carries them as ActualText, so the PDF's text layer reads what was drawn.
/// </summary>
internal sealed class PageContent : IDisposable
{
    // One buffer a thread, taken while a PDF is written and given back after: a tagged page's operators outgrow a fresh
    // one. Cleared after every page, so it holds nothing of a resident between pages.
    [ThreadStatic] private static byte[]? t_buffer;
    private byte[] _buffer;
    private int _length;
    private readonly FormFont _font;
    private double _lineWidth = -1;
    private double _fillGrey; // 0: black, the text colour
    private bool _roundCap;

    // Shaped glyphs of the text being drawn: one array per thread, reused for every text.
    [ThreadStatic] private static (uint, uint, int, int, int)[]? t_glyphs;

    public PageContent(FormFont font)
    {
        _font = font;
        _buffer = t_buffer ?? new byte[64 * 1024];
        t_buffer = null;
    }

    /// <summary>Gives the buffer back to the thread.</summary>
    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        _buffer.AsSpan(0, _length).Clear(); // a page that failed half-way: its glyph ids stay nowhere
        t_buffer = _buffer;
        _buffer = [];
    }

    /// <summary>The structure tree this page's content is marked into, or null for an untagged page.</summary>
    public StructureTree? Tags { get; set; }

    private bool _inGroup;
    private bool _artifactOpen;
    private bool _textOpen;
    private int _textOwner = -1;

    /// <summary>Texts the check pass shaped already (a document's own characters), by text.</summary>
    public IReadOnlyDictionary<string, (uint, uint, int, int, int)[]>? Shaped { get; init; }

    /// <summary>The template pages this page draws, each named <c>/T1</c>, <c>/T2</c>… in its resources.</summary>
    public List<TemplatePageItem> Templates { get; } = [];

    /// <summary>Whether the page drew with the form's font (<c>/F1</c>) and with the document's own subset (<c>/F2</c>).</summary>
    public (bool Form, bool Document) FontsUsed { get; private set; }

    /// <summary>
    /// The page's operators for <paramref name="items"/>, drawn with the form's subset or, for a text
    /// <paramref name="inDocumentFont"/> says it lacks, with <paramref name="document"/>. The form's own texts come
    /// already shaped from <paramref name="runs"/>.
    /// </summary>
    public byte[] Build(IReadOnlyList<LayoutItem> items, double pageHeight, Func<TextItem, bool> inDocumentFont, EmbeddedFont form,
        IReadOnlyDictionary<string, ShapedRun> runs, EmbeddedFont? document)
    {
        _length = 0;
        FontsUsed = (false, false);
        Templates.Clear();
        _lineWidth = -1;
        _fillGrey = 0;
        _roundCap = false;
        Raw("1 0 0 -1 0 "u8).Num(pageHeight).Raw(" cm\n0 0 0 RG 0 0 0 rg\n"u8);
        _inGroup = false;
        _textOpen = false;
        foreach (var item in items)
        {
            // Tagged: text is marked into the structure tree, every other drawing is an artifact, and a drawing that
            // reads as a value (ActualText) is one marked piece with everything inside it.
            var artifact = Tags is not null && !_inGroup && item is RectItem or LineItem or EllipseItem or CheckBoxItem or TickItem;
            // A page's footer and the 記入例 mark: artifacts that say what they are (pagination), each on its own.
            var pagination = Tags is not null && !_inGroup && item is TextItem { Role: "Footer" or "Watermark" };
            var tagged = Tags is not null && !_inGroup && item is TextItem { Role: not ("Footer" or "Watermark") };
            // Consecutive texts of one paragraph or cell (a label's lines, a blank list's options) share one sequence.
            var continues = tagged && _textOpen && Tags!.OpenLeaf is >= 0 and var leaf && leaf == _textOwner;
            if (_textOpen && !continues)
            {
                Raw("EMC\n"u8);
                _textOpen = false;
            }
            // Consecutive artifacts (a table's rules and boxes) share one sequence.
            if (artifact && !_artifactOpen)
            {
                Raw("/Artifact BMC\n"u8);
                _artifactOpen = true;
            }
            else if (!artifact && _artifactOpen && item is not (StructStart or StructEnd or StructBreak))
            {
                Raw("EMC\n"u8);
                _artifactOpen = false;
            }
            if (pagination) Raw("/Artifact<</Type/Pagination/Subtype/"u8).Ascii(((TextItem)item).Role!).Raw(">>BDC\n"u8);
            if (tagged && !continues)
            {
                var role = ((TextItem)item).Role ?? "P";
                Raw("/"u8).Ascii(role).Raw("<</MCID "u8).Num(Tags!.Content(role)).Raw(">>BDC\n"u8);
                _textOpen = true;
                _textOwner = Tags.OpenLeaf;
            }
            switch (item)
            {
                case StructStart start:
                    Tags?.Open(start.Role, start.Last, start.AfterNext, start.PrintField);
                    break;
                case StructEnd:
                    Tags?.Close();
                    break;
                case RectItem r:
                    if (r.Fill is { } grey)
                    {
                        Fill(grey);
                        Rect(r.X, r.Y, r.Width, r.Height).Raw(" f\n"u8);
                    }
                    if (r.Stroke > 0)
                    {
                        LineWidth(r.Stroke);
                        Rect(r.X, r.Y, r.Width, r.Height).Raw(" S\n"u8);
                    }
                    break;
                case LineItem l:
                    LineWidth(l.Width);
                    Num(l.X1).Sp().Num(l.Y1).Raw(" m "u8).Num(l.X2).Sp().Num(l.Y2).Raw(" l S\n"u8);
                    break;
                case EllipseItem e:
                    LineWidth(e.Stroke);
                    Ellipse(e.CenterX, e.CenterY, e.RadiusX, e.RadiusY);
                    break;
                case MarkedStart m:
                    Raw("/Span<<"u8);
                    if (Tags is not null && !_inGroup) Raw("/MCID "u8).Num(Tags.Content("Span")).Raw(" "u8);
                    Raw("/ActualText"u8).Ascii(PdfSyntax.Text(m.ActualText)).Raw(">>BDC\n"u8);
                    _inGroup = Tags is not null;
                    break;
                case MarkedEnd:
                    Raw("EMC\n"u8);
                    _inGroup = false;
                    break;
                case TemplatePageItem t:
                    // The template's drawing in its own coordinates: the page's flip undone around it.
                    Templates.Add(t);
                    Raw("q 1 0 0 -1 0 "u8).Num(pageHeight).Raw(" cm /T"u8).Num(Templates.Count).Raw(" Do Q\n"u8);
                    break;
                case TickItem k:
                    LineWidth(Math.Max(0.8, k.Size * 0.12));
                    RoundCap(true);
                    Num(k.X + k.Size * 0.2).Sp().Num(k.Y + k.Size * 0.52).Raw(" m "u8).Num(k.X + k.Size * 0.42).Sp().Num(k.Y + k.Size * 0.76).Raw(" l S\n"u8);
                    Num(k.X + k.Size * 0.42).Sp().Num(k.Y + k.Size * 0.76).Raw(" m "u8).Num(k.X + k.Size * 0.82).Sp().Num(k.Y + k.Size * 0.2).Raw(" l S\n"u8);
                    RoundCap(false);
                    break;
                case CheckBoxItem b:
                    LineWidth(0.7);
                    Rect(b.X, b.Y, b.Size, b.Size).Raw(" S\n"u8);
                    if (b.Checked)
                    {
                        var s = b.Size;
                        LineWidth(1.3);
                        RoundCap(true);
                        // The tick stays inside its box: a mark over the rule would read as a mark on the neighbour.
                        // Two strokes, each with round ends, rather than one path with a mitred corner.
                        Num(b.X + s * 0.2).Sp().Num(b.Y + s * 0.52).Raw(" m "u8).Num(b.X + s * 0.42).Sp().Num(b.Y + s * 0.76).Raw(" l S\n"u8);
                        Num(b.X + s * 0.42).Sp().Num(b.Y + s * 0.76).Raw(" m "u8).Num(b.X + s * 0.82).Sp().Num(b.Y + s * 0.2).Raw(" l S\n"u8);
                        RoundCap(false);
                    }
                    break;
                case TextItem t when t.Text.Length > 0:
                    var inDocument = inDocumentFont(t);
                    var font = inDocument ? document ?? throw new InvalidOperationException("A text needs the document's subset, which was not made.") : form;
                    FontsUsed = inDocument ? (FontsUsed.Form, true) : (true, FontsUsed.Document);
                    Fill(0);
                    if (!inDocument && runs.TryGetValue(t.Text, out var run)) Text(t, run, "/F1"u8);
                    else Text(t, font, inDocument ? "/F2"u8 : "/F1"u8);
                    break;
            }
            if (pagination) Raw("EMC\n"u8);
        }
        if (_textOpen || _artifactOpen) Raw("EMC\n"u8);
        _artifactOpen = false;
        _textOpen = false;
        _textOwner = -1;
        var bytes = _buffer.AsSpan(0, _length).ToArray();
        _buffer.AsSpan(0, _length).Clear(); // glyph ids of a resident's text
        _length = 0;
        return bytes;
    }

    private void Text(TextItem item, EmbeddedFont font, ReadOnlySpan<byte> name)
    {
        var pooled = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(item.Text.Length));
        try
        {
            var utf8 = pooled.AsSpan(0, Encoding.UTF8.GetBytes(item.Text, pooled));
            if (Shaped is not null && Shaped.TryGetValue(item.Text, out var known))
            {
                Text(item, ShapedRun.From(font, utf8, known), name);
                return;
            }
            var glyphs = _font.ShapeInto(utf8, ref t_glyphs);
            try
            {
                var run = ShapedRun.From(font, utf8, glyphs);
                Text(item, run, name);
            }
            finally
            {
                t_glyphs.AsSpan(0, glyphs.Length).Clear(); // glyph ids map back to a resident's text
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pooled, clearArray: true); // a resident's text: never left in the shared pool
        }
    }

    private void Text(TextItem item, ShapedRun run, ReadOnlySpan<byte> name)
    {
        if (!run.GivesBack) Raw("/Span<</ActualText"u8).Ascii(PdfSyntax.Text(item.Text)).Raw(">>BDC\n"u8);
        var size = item.Size;
        var scale = size / _font.UnitsPerEm;
        Raw("BT "u8).Raw(name).Sp().Num(size).Raw(" Tf "u8);
        Matrix(item.X, item.Baseline);
        Raw("["u8);
        var open = true;
        double pen = 0; // where HarfBuzz puts the next glyph, from the text's start
        double placed = 0; // where the PDF will put it, after the glyphs written so far
        var count = run.Glyphs.Length;
        for (var i = 0; i < count; i++)
        {
            var glyph = run.Glyphs[i];
            var x = pen + run.XOffsets[i] * scale;
            if (run.YOffsets[i] != 0)
            {
                // A mark raised or lowered: placed by a matrix of its own, and the line goes on from the next glyph.
                if (open) Raw("]TJ "u8);
                Matrix(item.X + x, item.Baseline - run.YOffsets[i] * scale);
                Raw("["u8);
                open = true;
                placed = x;
            }
            else if (Math.Abs(x - placed) > 0.0005)
            {
                Num(-(x - placed) * 1000 / size);
                placed = x;
            }
            Hex(glyph);
            placed += run.Widths[i] * size / 1000;
            if (run.YOffsets[i] != 0)
            {
                Raw("]TJ "u8);
                open = false;
            }
            pen += run.Advances[i] * scale;
            if (item.Spacing != 0 && run.EndsCluster[i]) pen += item.Spacing;
            if (!open && i + 1 < count)
            {
                Matrix(item.X + pen, item.Baseline);
                Raw("["u8);
                open = true;
                placed = pen;
            }
        }
        if (open) Raw("]TJ"u8);
        Raw(" ET\n"u8);
        if (!run.GivesBack) Raw("EMC\n"u8);
    }

    private void Matrix(double x, double baseline) => Raw("1 0 0 -1 "u8).Num(x).Sp().Num(baseline).Raw(" Tm"u8);

    private PageContent Rect(double x, double y, double width, double height) =>
        Num(x).Sp().Num(y).Sp().Num(width).Sp().Num(height).Raw(" re"u8);

    private void Ellipse(double cx, double cy, double rx, double ry)
    {
        // Sixteen arcs of 22.5°, each the quadratic through the tangents' meeting point written as a cubic: the curve
        // Skia drew (a rational quadratic a quarter, halved twice), so the circles of golden pages rasterize alike.
        const int arcs = 16;
        var step = 2 * Math.PI / arcs;
        var reach = 1 / Math.Cos(step / 2);
        double x0 = cx + rx, y0 = cy;
        Num(x0).Sp().Num(y0).Raw(" m\n"u8);
        for (var i = 1; i <= arcs; i++)
        {
            var angle = i * step;
            var middle = angle - step / 2;
            double qx = cx + rx * reach * Math.Cos(middle), qy = cy + ry * reach * Math.Sin(middle);
            double x1 = cx + rx * Math.Cos(angle), y1 = cy + ry * Math.Sin(angle);
            if (i == arcs) (x1, y1) = (cx + rx, cy);
            Num(x0 + 2.0 / 3 * (qx - x0)).Sp().Num(y0 + 2.0 / 3 * (qy - y0)).Sp().Num(x1 + 2.0 / 3 * (qx - x1)).Sp().Num(y1 + 2.0 / 3 * (qy - y1)).Sp()
                .Num(x1).Sp().Num(y1).Raw(" c\n"u8);
            (x0, y0) = (x1, y1);
        }
        Raw("S\n"u8);
    }

    private void LineWidth(double width)
    {
        if (width == _lineWidth) return;
        _lineWidth = width;
        Num(width).Raw(" w\n"u8);
    }

    private void Fill(double grey)
    {
        if (grey == _fillGrey) return;
        _fillGrey = grey;
        // Grey as Skia drew it: a byte per channel, written to three decimals.
        var level = PdfSyntax.Number(Math.Round(Math.Round(grey * 255) / 255, 3));
        Ascii(level).Sp().Ascii(level).Sp().Ascii(level).Raw(" rg\n"u8);
    }

    private void RoundCap(bool round)
    {
        if (round == _roundCap) return;
        _roundCap = round;
        Raw(round ? "1 J\n"u8 : "0 J\n"u8);
    }

    private Span<byte> Room(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            var larger = new byte[Math.Max(_buffer.Length * 2, _length + bytes)];
            _buffer.AsSpan(0, _length).CopyTo(larger);
            Array.Clear(_buffer);
            _buffer = larger;
        }
        return _buffer.AsSpan(_length);
    }

    private PageContent Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Room(bytes.Length));
        _length += bytes.Length;
        return this;
    }

    private PageContent Ascii(string text)
    {
        _length += Encoding.ASCII.GetBytes(text, Room(text.Length));
        return this;
    }

    private PageContent Sp()
    {
        Room(1)[0] = (byte)' ';
        _length++;
        return this;
    }

    private PageContent Num(double value)
    {
        _length += PdfSyntax.Single(value, Room(24));
        return this;
    }

    private void Hex(ushort glyph)
    {
        var room = Room(6);
        room[0] = (byte)'<';
        room[1] = HexDigit(glyph >> 12);
        room[2] = HexDigit((glyph >> 8) & 0xF);
        room[3] = HexDigit((glyph >> 4) & 0xF);
        room[4] = HexDigit(glyph & 0xF);
        room[5] = (byte)'>';
        _length += 6;
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'A' + value - 10);
}

/// <summary>
/// A text shaped for one embedded font: subset glyph ids, HarfBuzz's advances and offsets (font units), the widths the
/// PDF gives those glyphs, and whether the ToUnicode map gives the text back. The form's own texts are shaped once per
/// form (<see cref="FormSheet.Runs"/>); a value's are shaped when drawn.
/// </summary>
internal sealed class ShapedRun
{
    private ShapedRun(int count)
    {
        Glyphs = new ushort[count];
        Advances = new int[count];
        XOffsets = new int[count];
        YOffsets = new int[count];
        Widths = new double[count];
        EndsCluster = new bool[count];
    }

    public ushort[] Glyphs { get; }
    public int[] Advances { get; }
    public int[] XOffsets { get; }
    public int[] YOffsets { get; }
    public double[] Widths { get; }
    public bool[] EndsCluster { get; }
    public bool GivesBack { get; private init; }

    /// <summary>Shapes <paramref name="text"/> with <paramref name="font"/> for <paramref name="embedded"/>.</summary>
    public static ShapedRun Shape(FormFont font, EmbeddedFont embedded, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        (uint, uint, int, int, int)[]? shaped = null;
        return From(embedded, utf8, font.ShapeInto(utf8, ref shaped));
    }

    /// <summary>A run from glyphs HarfBuzz shaped from <paramref name="utf8"/>.</summary>
    public static ShapedRun From(EmbeddedFont font, ReadOnlySpan<byte> utf8, ReadOnlySpan<(uint Glyph, uint Cluster, int XAdvance, int XOffset, int YOffset)> glyphs)
    {
        var run = new ShapedRun(glyphs.Length) { GivesBack = GivesBackText(font, utf8, glyphs) };
        for (var i = 0; i < glyphs.Length; i++)
        {
            var glyph = font.Subset.Map(glyphs[i].Glyph);
            run.Glyphs[i] = glyph;
            run.Advances[i] = glyphs[i].XAdvance;
            run.XOffsets[i] = glyphs[i].XOffset;
            run.YOffsets[i] = glyphs[i].YOffset;
            run.Widths[i] = font.Width(glyph);
            run.EndsCluster[i] = i + 1 < glyphs.Length && glyphs[i + 1].Cluster != glyphs[i].Cluster;
        }
        return run;
    }

    /// <summary>Whether each glyph's ToUnicode entry gives back its own characters, one glyph a cluster.</summary>
    private static bool GivesBackText(EmbeddedFont font, ReadOnlySpan<byte> utf8, ReadOnlySpan<(uint Glyph, uint Cluster, int XAdvance, int XOffset, int YOffset)> glyphs)
    {
        Span<byte> expected = stackalloc byte[64];
        for (var i = 0; i < glyphs.Length; i++)
        {
            if (i + 1 < glyphs.Length && glyphs[i + 1].Cluster == glyphs[i].Cluster) return false;
            var start = (int)glyphs[i].Cluster;
            var end = i + 1 < glyphs.Length ? (int)glyphs[i + 1].Cluster : utf8.Length;
            if (end <= start) return false;
            if (!font.Text.TryGetValue(font.Subset.Map(glyphs[i].Glyph), out var text)) return false;
            if (!Encoding.UTF8.TryGetBytes(text, expected, out var written) || !utf8[start..end].SequenceEqual(expected[..written])) return false;
        }
        return true;
    }
}
