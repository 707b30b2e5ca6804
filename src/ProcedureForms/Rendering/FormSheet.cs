using System.Collections.Concurrent;
using System.Collections.Frozen;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Rendering.Layout;
using ProcedureForms.Rendering.Pdf;

namespace ProcedureForms.Rendering;

/// <summary>
/// What every document of one form shares, made once from its blank layout: the advances of the form's own text, and a
/// font subset of exactly that text, deflated once and written into every PDF of the form as the same bytes. Only the
/// characters of the values that the form's own text lacks go into a second, per-document subset.
/// </summary>
internal sealed class FormSheet
{
    private FormSheet(FrozenSet<int> codePoints, FrozenDictionary<string, long> advances, FrozenDictionary<WrapKey, IReadOnlyList<string>> wraps, EmbeddedFont font,
        FrozenDictionary<string, ShapedRun> runs)
    {
        Runs = runs;
        CodePoints = codePoints;
        Advances = advances;
        Wraps = wraps;
        Font = font;
    }

    /// <summary>The form's own texts shaped once for <see cref="Font"/>: most of a page's text is drawn from these.</summary>
    public FrozenDictionary<string, ShapedRun> Runs { get; }

    /// <summary>The characters the form prints by itself (the blank layout's), all in <see cref="Font"/>.</summary>
    public FrozenSet<int> CodePoints { get; }

    /// <summary>Advances in font units of every text the blank layout measured.</summary>
    public FrozenDictionary<string, long> Advances { get; }

    /// <summary>How the blank layout broke the form's own labels and notes into lines.</summary>
    public FrozenDictionary<WrapKey, IReadOnlyList<string>> Wraps { get; }

    /// <summary>A measurer that knows the form's own text.</summary>
    public FontMeasurer Measurer(FormFont font) => new(font, Advances, Wraps);

    /// <summary>The subset of the form's own text, prepared for embedding once (deflated, with its widths and map back to text).</summary>
    public EmbeddedFont Font { get; }

    /// <summary>The form's sheet for <paramref name="font"/> and <paramref name="options"/> (built on first use, then shared).</summary>
    public static FormSheet For(ProcedureForm form, FormFont font, LayoutOptions options)
    {
        var cache = form.Sheets;
        if (cache.TryGetValue((font, options), out var sheet)) return sheet;
        sheet = Build(form, font, options);
        // A few option sets a form; past that (a caller cycling municipalities) one is let go for each one made. Evicted
        // sheets are not disposed, since another thread may be drawing with them: the collector frees them.
        while (cache.Count >= MaxSheetsPerForm && cache.Keys.FirstOrDefault() is { Font: not null } oldest) cache.TryRemove(oldest, out _);
        return cache.GetOrAdd((font, options), sheet);
    }

    private const int MaxSheetsPerForm = 8;

    private static FormSheet Build(ProcedureForm form, FormFont font, LayoutOptions options)
    {
        var measurer = new RecordingMeasurer(font);
        var blank = form.Template is null ? new FormLayoutEngine(measurer).Layout(form, null, options) : new TemplateLayout(measurer).Layout(form, null, options);
        return Build(font, blank, measurer.Advances.ToFrozenDictionary(StringComparer.Ordinal), measurer.Wraps.ToFrozenDictionary());
    }

    /// <summary>A sheet for a layout of our own that no form describes (a designer's measuring grid): all its text in one subset.</summary>
    internal static FormSheet ForLayout(FormFont font, LayoutDocument layout) =>
        Build(font, layout, FrozenDictionary<string, long>.Empty, FrozenDictionary<WrapKey, IReadOnlyList<string>>.Empty);

    private static FormSheet Build(FormFont font, LayoutDocument blank, FrozenDictionary<string, long> advances, FrozenDictionary<WrapKey, IReadOnlyList<string>> wraps)
    {
        var codePoints = new HashSet<int> { ' ' };
        PdfDocumentWriter.CollectCodePoints(blank, codePoints);
        // Characters alone can miss a glyph HarfBuzz composes (カ + U+3099 → ガ): then the shaped glyphs are named too.
        // Only then: naming glyphs brings every character that shares them into the subset's character map (月 and the
        // radical ⽉ are one glyph), and the PDF's text layer would read the radical back.
        var glyphs = new HashSet<uint>();
        (uint, uint, int, int, int)[]? shaped = null;
        foreach (var text in blank.Pages.SelectMany(p => p.Items).OfType<TextItem>())
            foreach (var glyph in font.ShapeInto(System.Text.Encoding.UTF8.GetBytes(text.Text), ref shaped)) glyphs.Add(glyph.Glyph);
        var clusters = new Dictionary<uint, string>();
        foreach (var text in blank.Pages.SelectMany(p => p.Items).OfType<TextItem>()) EmbeddedFont.Clusters(font, text.Text, clusters, ref shaped);
        var subset = FontSubsetter.Subset(font, codePoints);
        if (!glyphs.All(g => subset.TryMap(g, out _)))
        {
            subset.Dispose();
            subset = FontSubsetter.Subset(font, codePoints, glyphs);
        }
        var embedded = EmbeddedFont.Create(font, subset, clusters, codePoints, PdfObjectWriter.Once);
        var runs = blank.Pages.SelectMany(p => p.Items).OfType<TextItem>().Select(t => t.Text).Distinct(StringComparer.Ordinal)
            .ToFrozenDictionary(text => text, text => ShapedRun.Shape(font, embedded, text), StringComparer.Ordinal);
        return new FormSheet(codePoints.ToFrozenSet(), advances, wraps, embedded, runs);
    }
}

/// <summary>A form's sheets, by font and layout options.</summary>
internal sealed class FormSheetCache : ConcurrentDictionary<(FormFont Font, LayoutOptions Options), FormSheet>;
