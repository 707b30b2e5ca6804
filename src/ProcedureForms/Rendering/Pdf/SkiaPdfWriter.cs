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

    /// <summary>Draws the documents, one after another, into one PDF. <paramref name="documents"/> is read once, lazily.</summary>
    public static void Write(IEnumerable<LayoutDocument> documents, ISet<int> codePoints, FormFont font, PdfInfo info, Stream output)
    {
        codePoints.Add(' ');
        var subset = FontSubsetter.Subset(font, codePoints);
        using var skData = SKData.CreateCopy(subset);
        using var typeface = SKTypeface.FromData(skData) ?? throw new InvalidOperationException($"Skia cannot read the subset of {font.Name}.");

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
            WritePages(pdf, documents, codePoints, stroke, fill, ink, typeface, font);
            pdf.Close();
        }
        guarded.ThrowIfFaulted();
    }

    private static void WritePages(SKDocument pdf, IEnumerable<LayoutDocument> documents, ISet<int> codePoints, SKPaint stroke, SKPaint fill, SKPaint ink, SKTypeface typeface, FormFont font)
    {
        foreach (var document in documents)
        {
            foreach (var page in document.Pages)
            {
                // The documents are laid out a second time for drawing: if the caller's sequence changed in between, a
                // character outside the subset would print as a box. Refuse instead.
                foreach (var text in page.Items.OfType<TextItem>())
                    foreach (var rune in text.Text.EnumerateRunes())
                        if (!codePoints.Contains(rune.Value))
                            throw new InvalidOperationException("The documents changed between the check and the drawing pass: RenderMany needs a sequence that yields the same documents each time.");
                var canvas = pdf.BeginPage((float)document.Width, (float)document.Height);
                foreach (var item in page.Items) Draw(canvas, item, stroke, fill, ink, typeface, font);
                pdf.EndPage();
            }
        }
    }

    private static void Draw(SKCanvas canvas, LayoutItem item, SKPaint stroke, SKPaint fill, SKPaint ink, SKTypeface typeface, FormFont font)
    {
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
                using (var blob = Shape(t, typeface, font))
                    if (blob is not null) canvas.DrawText(blob, (float)t.X, (float)t.Baseline, ink);
                break;
        }
    }

    private static SKTextBlob? Shape(TextItem item, SKTypeface typeface, FormFont font)
    {
        if (item.Text.Length == 0) return null;
        var utf8 = Encoding.UTF8.GetBytes(item.Text);
        var glyphs = font.Shape(utf8);
        var scale = (float)(item.Size / font.UnitsPerEm);
        using var skFont = new SKFont(typeface, (float)item.Size);
        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocatePositionedTextRun(skFont, glyphs.Length, utf8.Length, null);
        var runGlyphs = run.Glyphs;
        var runPositions = run.Positions;
        var clusters = run.Clusters;
        float x = 0;
        for (var i = 0; i < glyphs.Length; i++)
        {
            runGlyphs[i] = (ushort)glyphs[i].Glyph;
            runPositions[i] = new SKPoint(x + glyphs[i].XOffset * scale, -glyphs[i].YOffset * scale);
            clusters[i] = glyphs[i].Cluster;
            x += glyphs[i].XAdvance * scale;
            if (item.Spacing != 0 && i + 1 < glyphs.Length && glyphs[i + 1].Cluster != glyphs[i].Cluster) x += (float)item.Spacing;
        }
        utf8.CopyTo(run.Text);
        return builder.Build();
    }
}
