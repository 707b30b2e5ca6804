using ProcedureForms.Rendering.Fonts;
using SkiaSharp;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>A font subset as Skia draws and embeds it. Skia's typefaces are safe to draw with from several threads.</summary>
internal sealed class PdfFont : IDisposable
{
    private readonly SKData _data;

    public PdfFont(FontSubsetter.FontSubset subset, string name)
    {
        Subset = subset;
        _data = SKData.CreateCopy(subset.Data);
        Typeface = SKTypeface.FromData(_data) ?? throw new InvalidOperationException($"Skia cannot read the subset of {name}.");
    }

    public FontSubsetter.FontSubset Subset { get; }

    public SKTypeface Typeface { get; }

    public void Dispose()
    {
        Typeface.Dispose();
        _data.Dispose();
        Subset.Dispose();
    }
}
