namespace ProcedureForms.Rendering.Layout;

/// <summary>Measures text for layout; the renderer passes the chosen font, tests can pass anything.</summary>
internal interface ITextMeasurer
{
    /// <summary>The advance width of <paramref name="text"/> at <paramref name="size"/> points.</summary>
    double Measure(string text, double size);

    /// <summary>
    /// The lines <see cref="LineBreaker.Wrap"/> gave for <paramref name="key"/> when the form was laid out blank (the
    /// form's own labels and notes wrap the same way in every document), or null.
    /// </summary>
    IReadOnlyList<string>? KnownWrap(WrapKey key) => null;

    /// <summary>Told each wrap <see cref="LineBreaker.Wrap"/> computes, so a blank layout can record the form's own.</summary>
    void Learn(WrapKey key, IReadOnlyList<string> lines)
    {
    }
}

/// <summary>Everything a wrap depends on besides the measurer.</summary>
internal readonly record struct WrapKey(string Text, double MaxWidth, double Size, bool Balance);
