using System.Buffers;
using System.Text;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Rendering.Layout;
using SkiaSharp;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>Document-level facts the PDF carries.</summary>
internal sealed record PdfInfo(string Title, string Subject, DateTime Timestamp, bool PdfA);

/// <summary>
/// Draws a <see cref="LayoutDocument"/> with Skia's PDF backend: the thin last step. Text is shaped by HarfBuzz with a
/// per-document subset of the font (plain DrawText would lose variation selectors), and each run carries its UTF-8 text
/// and HarfBuzz clusters so the PDF's text layer gives back exactly what was drawn.
/// </summary>
internal static class SkiaPdfWriter
{

    /// <summary>The code points a layout draws, for the font subset.</summary>
    public static void CollectCodePoints(LayoutDocument document, ISet<int> codePoints)
    {
        foreach (var page in document.Pages)
            foreach (var text in page.Items.OfType<TextItem>())
                foreach (var rune in text.Text.EnumerateRunes()) codePoints.Add(rune.Value);
    }

    /// <summary>
    /// What a document draws from its own subset rather than its form's: every text holding a character the form's own
    /// text lacks goes there whole (split between fonts, a name would come back from the PDF as two words), with its
    /// characters and its shaped glyphs.
    /// </summary>
    public static void CollectExtra(LayoutDocument document, FormSheet sheet, FormFont font, ISet<int> codePoints, ISet<uint> glyphs)
    {
        foreach (var page in document.Pages)
            foreach (var text in page.Items.OfType<TextItem>())
            {
                if (!InSecond(text, sheet)) continue;
                foreach (var rune in text.Text.EnumerateRunes()) codePoints.Add(rune.Value);
                var shaped = font.ShapeInto(Encoding.UTF8.GetBytes(text.Text), ref t_glyphs);
                foreach (var glyph in shaped) glyphs.Add(glyph.Glyph);
                t_glyphs.AsSpan(0, shaped.Length).Clear(); // glyph ids map back to a resident's text
            }
    }

    // Shaped glyphs of the text being drawn: one array per thread, reused for every text.
    [ThreadStatic] private static (uint, uint, int, int, int)[]? t_glyphs;

    /// <summary>Whether a text is drawn from the document's subset (the check pass and the drawing agree through this).</summary>
    private static bool InSecond(TextItem text, FormSheet sheet)
    {
        foreach (var rune in text.Text.EnumerateRunes())
            if (!sheet.CodePoints.Contains(rune.Value)) return true;
        return false;
    }

    /// <summary>
    /// Draws the documents, one after another, into one PDF. <paramref name="documents"/> is read once, lazily; each
    /// comes with its form's sheet. <paramref name="codePoints"/> is everything the check pass saw;
    /// <paramref name="extraCodePoints"/> and <paramref name="extraGlyphs"/> are what the sheets lack.
    /// </summary>
    public static void Write(IEnumerable<(LayoutDocument Layout, FormSheet Sheet)> documents, ISet<int> codePoints, ISet<int> extraCodePoints, ISet<uint> extraGlyphs,
        FormFont font, PdfInfo info, Stream output)
    {
        using var extra = extraCodePoints.Count == 0 && extraGlyphs.Count == 0 ? null : new PdfFont(ExtraSubset(font, extraCodePoints, extraGlyphs), font.Name);

        var metadata = new SKDocumentPdfMetadata
        {
            Title = info.Title,
            Subject = info.Subject,
            Creator = "ProcedureForms",
            Producer = "ProcedureForms (SkiaSharp, HarfBuzz)",
            Creation = info.Timestamp,
            Modified = info.Timestamp,
            PdfA = info.PdfA,
        };
        using var stroke = new SKPaint { Style = SKPaintStyle.Stroke, Color = SKColors.Black, IsAntialias = true };
        using var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var guarded = new FaultCatchingStream(output);
        using (var pdf = SKDocument.CreatePdf(guarded, metadata))
        {
            using var pen = new Pen(stroke, fill, ink, font, extra);
            foreach (var (document, sheet) in documents)
            {
                pen.Sheet = sheet;
                foreach (var page in document.Pages)
                {
                    // The documents are laid out a second time for drawing: if the caller's sequence changed in between, a
                    // character outside the subset would print as a box. Refuse instead.
                    foreach (var text in page.Items.OfType<TextItem>())
                        foreach (var rune in text.Text.EnumerateRunes())
                            if (!codePoints.Contains(rune.Value))
                                throw new InvalidOperationException("The documents changed between the check and the drawing pass: RenderMany needs a sequence that yields the same documents each time.");
                    var canvas = pdf.BeginPage((float)document.Width, (float)document.Height);
                    foreach (var item in page.Items) Draw(canvas, item, pen);
                    pdf.EndPage();
                }
            }
            pdf.Close();
        }
        guarded.ThrowIfFaulted();
    }

    /// <summary>
    /// The document's own subset. The characters almost always reach every shaped glyph; naming glyphs as well makes
    /// HarfBuzz map the whole font back to characters (0.7 ms), so that is done only when a glyph would be missing.
    /// </summary>
    private static FontSubsetter.FontSubset ExtraSubset(FormFont font, ISet<int> codePoints, ISet<uint> glyphs)
    {
        var subset = FontSubsetter.Subset(font, codePoints);
        if (glyphs.All(glyph => subset.TryMap(glyph, out _))) return subset;
        subset.Dispose();
        return FontSubsetter.Subset(font, codePoints, glyphs);
    }

    /// <summary>The paints and fonts the drawing uses; <see cref="Sheet"/> is the current document's.</summary>
    private sealed class Pen(SKPaint stroke, SKPaint fill, SKPaint ink, FormFont font, PdfFont? extra) : IDisposable
    {
        private readonly Dictionary<(SKTypeface, float), SKFont> _fonts = [];

        /// <summary>A Skia font of <paramref name="typeface"/> at <paramref name="size"/>, one per pair for the whole PDF.</summary>
        public SKFont FontAt(SKTypeface typeface, float size)
        {
            if (!_fonts.TryGetValue((typeface, size), out var skFont)) _fonts[(typeface, size)] = skFont = new SKFont(typeface, size);
            return skFont;
        }

        public void Dispose()
        {
            foreach (var skFont in _fonts.Values) skFont.Dispose();
        }

        public SKPaint Stroke { get; } = stroke;
        public SKPaint Fill { get; } = fill;
        public SKPaint Ink { get; } = ink;
        public FormFont Font { get; } = font;
        public PdfFont? Extra { get; } = extra;
        public FormSheet Sheet { get; set; } = null!;
    }

    private static void Draw(SKCanvas canvas, LayoutItem item, Pen pen)
    {
        var (stroke, fill) = (pen.Stroke, pen.Fill);
        switch (item)
        {
            case RectItem r:
                var rect = SKRect.Create((float)r.X, (float)r.Y, (float)r.Width, (float)r.Height);
                if (r.Fill is { } grey)
                {
                    var level = (byte)Math.Round(grey * 255);
                    fill.Color = new SKColor(level, level, level);
                    canvas.DrawRect(rect, fill);
                }
                if (r.Stroke > 0)
                {
                    stroke.StrokeWidth = (float)r.Stroke;
                    canvas.DrawRect(rect, stroke);
                }
                break;
            case LineItem l:
                stroke.StrokeWidth = (float)l.Width;
                canvas.DrawLine((float)l.X1, (float)l.Y1, (float)l.X2, (float)l.Y2, stroke);
                break;
            case EllipseItem e:
                stroke.StrokeWidth = (float)e.Stroke;
                canvas.DrawOval((float)e.CenterX, (float)e.CenterY, (float)e.RadiusX, (float)e.RadiusY, stroke);
                break;
            case CheckBoxItem b:
                stroke.StrokeWidth = 0.7f;
                canvas.DrawRect(SKRect.Create((float)b.X, (float)b.Y, (float)b.Size, (float)b.Size), stroke);
                if (b.Checked)
                {
                    var s = (float)b.Size;
                    float x0 = (float)b.X, y0 = (float)b.Y;
                    stroke.StrokeWidth = 1.3f;
                    stroke.StrokeCap = SKStrokeCap.Round;
                    // The tick stays inside its box: a mark over the rule would read as a mark on the neighbour.
                    canvas.DrawLine(x0 + s * 0.2f, y0 + s * 0.52f, x0 + s * 0.42f, y0 + s * 0.76f, stroke);
                    canvas.DrawLine(x0 + s * 0.42f, y0 + s * 0.76f, x0 + s * 0.82f, y0 + s * 0.2f, stroke);
                    stroke.StrokeCap = SKStrokeCap.Butt;
                }
                break;
            case TextItem t:
                using (var blob = Shape(t, pen))
                    if (blob is not null) canvas.DrawText(blob, (float)t.X, (float)t.Baseline, pen.Ink);
                break;
        }
    }

    private static SKTextBlob? Shape(TextItem item, Pen pen)
    {
        if (item.Text.Length == 0) return null;
        var pdfFont = InSecond(item, pen.Sheet) ? pen.Extra ?? throw new InvalidOperationException("A text needs the document's subset, which was not made.") : pen.Sheet.Font;
        var pooled = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(item.Text.Length));
        try
        {
            var utf8 = pooled.AsSpan(0, Encoding.UTF8.GetBytes(item.Text, pooled));
            return Shape(item, pen, pdfFont, utf8);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pooled, clearArray: true); // a resident's text: never left in the shared pool
        }
    }

    private static SKTextBlob Shape(TextItem item, Pen pen, PdfFont pdfFont, ReadOnlySpan<byte> utf8)
    {
        var font = pen.Font;
        var glyphs = font.ShapeInto(utf8, ref t_glyphs);
        var scale = (float)(item.Size / font.UnitsPerEm);
        var skFont = pen.FontAt(pdfFont.Typeface, (float)item.Size);
        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocatePositionedTextRun(skFont, glyphs.Length, utf8.Length, null);
        var runGlyphs = run.Glyphs;
        var runPositions = run.Positions;
        var clusters = run.Clusters;
        float x = 0;
        for (var i = 0; i < glyphs.Length; i++)
        {
            runGlyphs[i] = pdfFont.Subset.Map(glyphs[i].Glyph);
            runPositions[i] = new SKPoint(x + glyphs[i].XOffset * scale, -glyphs[i].YOffset * scale);
            clusters[i] = glyphs[i].Cluster;
            x += glyphs[i].XAdvance * scale;
            if (item.Spacing != 0 && i + 1 < glyphs.Length && glyphs[i + 1].Cluster != glyphs[i].Cluster) x += (float)item.Spacing;
        }
        utf8.CopyTo(run.Text);
        t_glyphs.AsSpan(0, glyphs.Length).Clear(); // glyph ids map back to a resident's text
        return builder.Build() ?? throw new InvalidOperationException("Skia could not build a text run.");
    }
}
