using System.Globalization;
using System.Text;

namespace ProcedureForms.Validation;

/// <summary>Tells whether a font can draw a character or an ideographic variation sequence.</summary>
/// <remarks>The renderer supplies one per font; tests and hosts can supply their own.</remarks>
public interface IGlyphCoverage
{
    /// <summary>The font's name, for messages.</summary>
    string FontName { get; }

    /// <summary>Whether the font has a glyph for <paramref name="codePoint"/>.</summary>
    bool Covers(int codePoint);

    /// <summary>Whether the font has the variant glyph for <paramref name="baseCodePoint"/> followed by <paramref name="variationSelector"/>.</summary>
    bool Covers(int baseCodePoint, int variationSelector);
}

/// <summary>
/// The print check: strings holding characters the chosen font cannot draw, private-use characters (legacy 外字) or
/// control characters are errors naming the field and the character, so nothing prints as an empty box.
/// </summary>
public sealed class PrintCheck
{
    /// <summary>Checks against <paramref name="coverage"/>; with null, only private-use and control characters are refused.</summary>
    public PrintCheck(IGlyphCoverage? coverage) => Coverage = coverage;

    /// <summary>Refuses private-use and control characters, whatever the font.</summary>
    public static PrintCheck PrivateUseOnly { get; } = new(null);

    /// <summary>The font coverage checked against, or null.</summary>
    public IGlyphCoverage? Coverage { get; }

    /// <summary>The first character of <paramref name="text"/> that cannot be printed, or null when all can.</summary>
    public UnprintableCharacter? FindUnprintable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
                return new UnprintableCharacter(text[i], text[i].ToString(), UnprintableReason.Malformed);
            var next = i + used;
            int? selector = null;
            if (next < text.Length && Rune.DecodeFromUtf16(text.AsSpan(next), out var vs, out var vsUsed) == System.Buffers.OperationStatus.Done && IsVariationSelector(vs.Value))
            {
                selector = vs.Value;
                next += vsUsed;
            }
            var reason = Classify(rune.Value, selector);
            if (reason is { } r)
                return new UnprintableCharacter(rune.Value, text[i..next], r);
            i = next;
        }
        return null;
    }

    private UnprintableReason? Classify(int codePoint, int? selector)
    {
        if (IsVariationSelector(codePoint)) return null; // a selector on its own is drawn with its base
        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        if (category == UnicodeCategory.PrivateUse) return UnprintableReason.PrivateUse;
        if (category == UnicodeCategory.Control && codePoint is not ('\t' or '\n' or '\r')) return UnprintableReason.Control;
        if (Coverage is null || codePoint is '\t' or '\n' or '\r' or ' ' or '\u3000') return null;
        if (selector is { } vs)
            return Coverage.Covers(codePoint, vs) ? null : UnprintableReason.NotInFont;
        return Coverage.Covers(codePoint) ? null : UnprintableReason.NotInFont;
    }

    internal static bool IsVariationSelector(int codePoint) =>
        codePoint is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);
}

/// <summary>A character the print check refused.</summary>
/// <param name="CodePoint">The (base) code point.</param>
/// <param name="Text">The character as it appears, with its variation selector if any.</param>
/// <param name="Reason">Why it cannot be printed.</param>
public sealed record UnprintableCharacter(int CodePoint, string Text, UnprintableReason Reason)
{
    /// <summary>U+XXXX notation, with the selector for a variation sequence (U+845B U+E0100).</summary>
    public string CodePointText => string.Join(" ", Text.EnumerateRunes().Select(r => $"U+{r.Value:X4}"));
}

/// <summary>Why a character cannot be printed.</summary>
public enum UnprintableReason
{
    /// <summary>The chosen font has no glyph for it (or for that variation sequence).</summary>
    NotInFont,
    /// <summary>A private-use code point (legacy 外字), which no standard font draws reliably.</summary>
    PrivateUse,
    /// <summary>A control character.</summary>
    Control,
    /// <summary>A lone surrogate: the text is not valid Unicode.</summary>
    Malformed,
}
