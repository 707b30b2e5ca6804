using ProcedureForms.Rendering.Layout;

namespace ProcedureForms.Rendering.Fonts;

/// <summary>Measures text with a form font's advances (HarfBuzz shaping), for the layout.</summary>
internal sealed class FontMeasurer(FormFont font) : ITextMeasurer
{
    public double Measure(string text, double size) => font.Measure(text, size);
}
