using System.Buffers;
using System.Globalization;
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
internal sealed class PageContent
{
    private readonly StringBuilder _sb = new(8 * 1024);
    private readonly FormFont _font;
    private double _lineWidth = -1;
    private double _fillGrey; // 0: black, the text colour
    private bool _roundCap;

    // Shaped glyphs of the text being drawn: one array per thread, reused for every text.
    [ThreadStatic] private static (uint, uint, int, int, int)[]? t_glyphs;

    public PageContent(FormFont font) => _font = font;

    /// <summary>Whether the page drew with the form's font (<c>/F1</c>) and with the document's own subset (<c>/F2</c>).</summary>
    public (bool Form, bool Document) FontsUsed { get; private set; }

    /// <summary>The page's operators for <paramref name="items"/>, drawn with <paramref name="form"/> or, for a text the
    /// form's subset lacks, with <paramref name="document"/>.</summary>
    public byte[] Build(IReadOnlyList<LayoutItem> items, double pageHeight, Func<TextItem, bool> inDocumentFont, EmbeddedFont form, EmbeddedFont? document)
    {
        _sb.Clear();
        FontsUsed = (false, false);
        _lineWidth = -1;
        _fillGrey = 0;
        _roundCap = false;
        _sb.Append("1 0 0 -1 0 ").Append(N(pageHeight)).Append(" cm\n0 0 0 RG 0 0 0 rg\n");
        foreach (var item in items)
        {
            switch (item)
            {
                case RectItem r:
                    if (r.Fill is { } grey)
                    {
                        Fill(grey);
                        Rect(r.X, r.Y, r.Width, r.Height).Append(" f\n");
                    }
                    if (r.Stroke > 0)
                    {
                        LineWidth(r.Stroke);
                        Rect(r.X, r.Y, r.Width, r.Height).Append(" S\n");
                    }
                    break;
                case LineItem l:
                    LineWidth(l.Width);
                    _sb.Append(N(l.X1)).Append(' ').Append(N(l.Y1)).Append(" m ").Append(N(l.X2)).Append(' ').Append(N(l.Y2)).Append(" l S\n");
                    break;
                case EllipseItem e:
                    LineWidth(e.Stroke);
                    Ellipse(e.CenterX, e.CenterY, e.RadiusX, e.RadiusY);
                    break;
                case CheckBoxItem b:
                    LineWidth(0.7);
                    Rect(b.X, b.Y, b.Size, b.Size).Append(" S\n");
                    if (b.Checked)
                    {
                        var s = b.Size;
                        LineWidth(1.3);
                        RoundCap(true);
                        // The tick stays inside its box: a mark over the rule would read as a mark on the neighbour.
                        // Two strokes, each with round ends, rather than one path with a mitred corner.
                        _sb.Append(N(b.X + s * 0.2)).Append(' ').Append(N(b.Y + s * 0.52)).Append(" m ")
                            .Append(N(b.X + s * 0.42)).Append(' ').Append(N(b.Y + s * 0.76)).Append(" l S\n")
                            .Append(N(b.X + s * 0.42)).Append(' ').Append(N(b.Y + s * 0.76)).Append(" m ")
                            .Append(N(b.X + s * 0.82)).Append(' ').Append(N(b.Y + s * 0.2)).Append(" l S\n");
                        RoundCap(false);
                    }
                    break;
                case TextItem t when t.Text.Length > 0:
                    var inDocument = inDocumentFont(t);
                    var font = inDocument ? document ?? throw new InvalidOperationException("A text needs the document's subset, which was not made.") : form;
                    FontsUsed = inDocument ? (FontsUsed.Form, true) : (true, FontsUsed.Document);
                    Fill(0);
                    Text(t, font, inDocument ? "/F2" : "/F1");
                    break;
            }
        }
        var bytes = Encoding.ASCII.GetBytes(_sb.ToString());
        _sb.Clear();
        return bytes;
    }

    private void Text(TextItem item, EmbeddedFont font, string name)
    {
        var pooled = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(item.Text.Length));
        try
        {
            var utf8 = pooled.AsSpan(0, Encoding.UTF8.GetBytes(item.Text, pooled));
            var glyphs = _font.ShapeInto(utf8, ref t_glyphs);
            try
            {
                Text(item, font, name, utf8, glyphs);
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

    private void Text(TextItem item, EmbeddedFont font, string name, ReadOnlySpan<byte> utf8, ReadOnlySpan<(uint Glyph, uint Cluster, int XAdvance, int XOffset, int YOffset)> glyphs)
    {
        var actual = !GivesBack(font, utf8, glyphs);
        if (actual) _sb.Append("/Span<</ActualText").Append(PdfSyntax.Text(item.Text)).Append(">>BDC\n");
        var size = item.Size;
        var scale = size / _font.UnitsPerEm;
        _sb.Append("BT ").Append(name).Append(' ').Append(N(size)).Append(" Tf ");
        Matrix(item.X, item.Baseline);
        _sb.Append('[');
        var open = true;
        double pen = 0; // where HarfBuzz puts the next glyph, from the text's start
        double placed = 0; // where the PDF will put it, after the glyphs written so far
        for (var i = 0; i < glyphs.Length; i++)
        {
            var glyph = font.Subset.Map(glyphs[i].Glyph);
            var x = pen + glyphs[i].XOffset * scale;
            if (glyphs[i].YOffset != 0)
            {
                // A mark raised or lowered: placed by a matrix of its own, and the line goes on from the next glyph.
                if (open) _sb.Append("]TJ ");
                Matrix(item.X + x, item.Baseline - glyphs[i].YOffset * scale);
                _sb.Append('[');
                open = true;
                placed = x;
            }
            else if (Math.Abs(x - placed) > 0.0005)
            {
                _sb.Append(N(-(x - placed) * 1000 / size));
                placed = x;
            }
            _sb.Append('<').Append(glyph.ToString("X4", CultureInfo.InvariantCulture)).Append('>');
            placed += font.Width(glyph) * size / 1000;
            if (glyphs[i].YOffset != 0)
            {
                _sb.Append("]TJ ");
                open = false;
            }
            pen += glyphs[i].XAdvance * scale;
            if (item.Spacing != 0 && i + 1 < glyphs.Length && glyphs[i + 1].Cluster != glyphs[i].Cluster) pen += item.Spacing;
            if (!open && i + 1 < glyphs.Length)
            {
                Matrix(item.X + pen, item.Baseline);
                _sb.Append('[');
                open = true;
                placed = pen;
            }
        }
        if (open) _sb.Append("]TJ");
        _sb.Append(" ET\n");
        if (actual) _sb.Append("EMC\n");
    }

    /// <summary>Whether each glyph's ToUnicode entry gives back its own characters, one glyph a cluster.</summary>
    private static bool GivesBack(EmbeddedFont font, ReadOnlySpan<byte> utf8, ReadOnlySpan<(uint Glyph, uint Cluster, int XAdvance, int XOffset, int YOffset)> glyphs)
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

    private void Matrix(double x, double baseline) =>
        _sb.Append("1 0 0 -1 ").Append(N(x)).Append(' ').Append(N(baseline)).Append(" Tm");

    private StringBuilder Rect(double x, double y, double width, double height) =>
        _sb.Append(N(x)).Append(' ').Append(N(y)).Append(' ').Append(N(width)).Append(' ').Append(N(height)).Append(" re");

    private void Ellipse(double cx, double cy, double rx, double ry)
    {
        // Sixteen arcs of 22.5°, each the quadratic through the tangents' meeting point written as a cubic: the curve
        // Skia drew (a rational quadratic a quarter, halved twice), so the circles of golden pages rasterize alike.
        const int arcs = 16;
        var step = 2 * Math.PI / arcs;
        var reach = 1 / Math.Cos(step / 2);
        double x0 = cx + rx, y0 = cy;
        _sb.Append(N(x0)).Append(' ').Append(N(y0)).Append(" m\n");
        for (var i = 1; i <= arcs; i++)
        {
            var angle = i * step;
            var middle = angle - step / 2;
            double qx = cx + rx * reach * Math.Cos(middle), qy = cy + ry * reach * Math.Sin(middle);
            double x1 = cx + rx * Math.Cos(angle), y1 = cy + ry * Math.Sin(angle);
            if (i == arcs) (x1, y1) = (cx + rx, cy);
            Curve(x0 + 2.0 / 3 * (qx - x0), y0 + 2.0 / 3 * (qy - y0), x1 + 2.0 / 3 * (qx - x1), y1 + 2.0 / 3 * (qy - y1), x1, y1);
            (x0, y0) = (x1, y1);
        }
        _sb.Append("S\n");
    }

    private void Curve(double x1, double y1, double x2, double y2, double x3, double y3) =>
        _sb.Append(N(x1)).Append(' ').Append(N(y1)).Append(' ').Append(N(x2)).Append(' ').Append(N(y2)).Append(' ')
            .Append(N(x3)).Append(' ').Append(N(y3)).Append(" c\n");

    private void LineWidth(double width)
    {
        if (width == _lineWidth) return;
        _lineWidth = width;
        _sb.Append(N(width)).Append(" w\n");
    }

    private void Fill(double grey)
    {
        if (grey == _fillGrey) return;
        _fillGrey = grey;
        // Grey as Skia drew it: a byte per channel, written to three decimals.
        var level = PdfSyntax.Number(Math.Round(Math.Round(grey * 255) / 255, 3));
        _sb.Append(level).Append(' ').Append(level).Append(' ').Append(level).Append(" rg\n");
    }

    private void RoundCap(bool round)
    {
        if (round == _roundCap) return;
        _roundCap = round;
        _sb.Append(round ? "1 J\n" : "0 J\n");
    }

    private static string N(double value) => PdfSyntax.Single(value);
}
