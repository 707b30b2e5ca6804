namespace ProcedureForms.Rendering.Layout;

/// <summary>Measures text for layout; the renderer passes the chosen font, tests can pass anything.</summary>
internal interface ITextMeasurer
{
    /// <summary>The advance width of <paramref name="text"/> at <paramref name="size"/> points.</summary>
    double Measure(string text, double size);
}
