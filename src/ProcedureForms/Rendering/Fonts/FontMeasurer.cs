using ProcedureForms.Rendering.Layout;

namespace ProcedureForms.Rendering.Fonts;

/// <summary>
/// Measures text with a form font's advances (HarfBuzz shaping), for the layout. <paramref name="known"/> holds the
/// advances of the form's own text and <paramref name="wraps"/> its wrapped lines, made once per form, so that laying
/// out a filled form shapes and breaks only its values.
/// </summary>
internal sealed class FontMeasurer(FormFont font, IReadOnlyDictionary<string, long>? known = null, IReadOnlyDictionary<WrapKey, IReadOnlyList<string>>? wraps = null) : ITextMeasurer
{
    public IReadOnlyList<string>? KnownWrap(WrapKey key) => wraps is not null && wraps.TryGetValue(key, out var lines) ? lines : null;

    // A value is measured again and again as the layout tries sizes and line breaks: shaped once per layout. The
    // measurer lives for one layout, so a resident's text is not kept beyond it.
    private Dictionary<string, long>? _values;

    public double Measure(string text, double size)
    {
        ArgumentNullException.ThrowIfNull(text);
        // The same arithmetic as FormFont.Measure, so a cached width is the same double as a measured one.
        long advance;
        if (known is not null && known.TryGetValue(text, out var cached)) advance = cached;
        else if (_values is not null && _values.TryGetValue(text, out var measured)) advance = measured;
        else (_values ??= new(StringComparer.Ordinal))[text] = advance = font.Advance(text);
        return advance * size / font.UnitsPerEm;
    }
}

/// <summary>Measures like <see cref="FontMeasurer"/> and records every advance, to build a form's cache.</summary>
internal sealed class RecordingMeasurer(FormFont font) : ITextMeasurer
{
    public Dictionary<string, long> Advances { get; } = new(StringComparer.Ordinal);

    public Dictionary<WrapKey, IReadOnlyList<string>> Wraps { get; } = [];

    public void Learn(WrapKey key, IReadOnlyList<string> lines) => Wraps[key] = lines;

    public double Measure(string text, double size)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Advances.TryGetValue(text, out var advance)) Advances[text] = advance = font.Advance(text);
        return advance * size / font.UnitsPerEm;
    }
}
