using PdfSharp.Pdf;

namespace ProcedureForms.Templates;

/// <summary>
/// Where a template page's drawing lands on the printed page: its CropBox (within the MediaBox, inherited from the page
/// tree like /Rotate), turned by /Rotate. The printed page has its origin at the crop's corner; designers measure from
/// its top-left.
/// </summary>
internal sealed record PageGeometry(double CropLeft, double CropBottom, double CropRight, double CropTop, int Rotate)
{
    private double CropWidth => CropRight - CropLeft;
    private double CropHeight => CropTop - CropBottom;

    /// <summary>The printed width in points.</summary>
    public double Width => Rotate is 90 or 270 ? CropHeight : CropWidth;

    /// <summary>The printed height in points.</summary>
    public double Height => Rotate is 90 or 270 ? CropWidth : CropHeight;

    /// <summary>
    /// The matrix [a b c d e f] from the template's user space to the printed page's (origin bottom-left): the crop's
    /// corner moved to the origin, then turned clockwise by /Rotate as a viewer shows it.
    /// </summary>
    public double[] Matrix => Rotate switch
    {
        90 => [0, -1, 1, 0, -CropBottom, CropWidth + CropLeft],
        180 => [-1, 0, 0, -1, CropWidth + CropLeft, CropHeight + CropBottom],
        270 => [0, 1, -1, 0, CropHeight + CropBottom, -CropLeft],
        _ => [1, 0, 0, 1, -CropLeft, -CropBottom],
    };

    /// <summary>A rectangle of the template's user space as left, top, width and height in points on the printed page (from its top-left).</summary>
    public (double Left, double Top, double Width, double Height) ToPrinted(double x1, double y1, double x2, double y2)
    {
        var m = Matrix;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var (x, y) in new[] { (x1, y1), (x1, y2), (x2, y1), (x2, y2) })
        {
            var px = m[0] * x + m[2] * y + m[4];
            var py = m[1] * x + m[3] * y + m[5];
            (minX, maxX) = (Math.Min(minX, px), Math.Max(maxX, px));
            (minY, maxY) = (Math.Min(minY, py), Math.Max(maxY, py));
        }
        return (minX, Height - maxY, maxX - minX, maxY - minY);
    }

    /// <summary>Reads a page's boxes and rotation, inherited through its parents where the page lacks them.</summary>
    public static PageGeometry Of(PdfDictionary page)
    {
        var media = Box(Inherited(page, "/MediaBox")) ?? (0, 0, 595.28, 841.89);
        var crop = Box(Inherited(page, "/CropBox")) ?? media;
        // The crop is clipped to the media, as viewers do.
        var left = Math.Max(crop.Left, media.Left);
        var bottom = Math.Max(crop.Bottom, media.Bottom);
        var right = Math.Min(crop.Right, media.Right);
        var top = Math.Min(crop.Top, media.Top);
        if (right <= left || top <= bottom) (left, bottom, right, top) = media;
        var rotate = Inherited(page, "/Rotate") is { } r ? (int)TemplatePdf.Number(r) : 0;
        rotate = ((rotate % 360) + 360) % 360;
        if (rotate % 90 != 0) rotate = 0; // not a valid rotation: viewers ignore it
        return new PageGeometry(left, bottom, right, top, rotate);
    }

    /// <summary>A page attribute, from the page or the nearest parent that has it (resolved).</summary>
    internal static PdfItem? Inherited(PdfDictionary page, string key)
    {
        var node = page;
        for (var i = 0; i < 32 && node is not null; i++)
        {
            if (node.Elements.ContainsKey(key)) return TemplatePdf.Resolve(node.Elements[key]);
            node = TemplatePdf.Resolve(node.Elements["/Parent"]) as PdfDictionary;
        }
        return null;
    }

    private static (double Left, double Bottom, double Right, double Top)? Box(PdfItem? item)
    {
        // PDFsharp keeps a page's boxes as rectangles once it has read them, as arrays otherwise.
        var (x1, y1, x2, y2) = item switch
        {
            PdfRectangle r => (TemplatePdf.Clamp(r.X1), TemplatePdf.Clamp(r.Y1), TemplatePdf.Clamp(r.X2), TemplatePdf.Clamp(r.Y2)),
            PdfArray { Elements.Count: >= 4 } a => (TemplatePdf.Number(a.Elements[0]), TemplatePdf.Number(a.Elements[1]), TemplatePdf.Number(a.Elements[2]), TemplatePdf.Number(a.Elements[3])),
            _ => (0, 0, 0, 0),
        };
        if (x1 == x2 || y1 == y2) return null;
        return (Math.Min(x1, x2), Math.Min(y1, y2), Math.Max(x1, x2), Math.Max(y1, y2));
    }
}
