using System.Globalization;

namespace ProcedureForms.Rendering.Layout;

/// <summary>
/// Japanese line breaking (禁則処理): a line may break between any two characters, except that no line starts with a
/// closing bracket, a comma or full stop, a small kana or a prolonged sound mark, and no line ends with an opening
/// bracket. Latin words and numbers are kept whole where they fit. Base characters stay with their variation selectors.
/// </summary>
internal static class LineBreaker
{
    private const string NoLineStart =
        "、。，．,.)）]］}｝〕〉》」』】〙〗〛〞〟’”｠»｣｡､･ゝゞヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ" +
        "ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｬｭｮｯｰﾞﾟ々〻‐゠–〜～？！?!‼⁇⁈⁉・：；:;％%℃°′″‰…‥";
    private const string NoLineEnd = "(（[［{｛〔〈《「『【〘〖〚〝‘“｟«｢￥＄$＃#№";

    /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/> (a word wider than a line is split).</summary>
    /// <param name="text">The text; line feeds start new paragraphs.</param>
    /// <param name="maxWidth">The widest a line may be, in points.</param>
    /// <param name="size">Font size.</param>
    /// <param name="measurer">Measures text in the printing font.</param>
    /// <param name="balance">Narrow a paragraph's lines until its last line holds at least three characters (no lone 「す。」), keeping its line count.</param>
    public static IReadOnlyList<string> Wrap(string text, double maxWidth, double size, ITextMeasurer measurer, bool balance = false)
    {
        var key = new WrapKey(text, maxWidth, size, balance);
        if (measurer.KnownWrap(key) is { } known) return known;
        var lines = WrapUncached(text, maxWidth, size, measurer, balance);
        measurer.Learn(key, lines);
        return lines;
    }

    private static string[] WrapUncached(string text, double maxWidth, double size, ITextMeasurer measurer, bool balance)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            var wrapped = new List<string>();
            WrapParagraph(paragraph, maxWidth, size, measurer, wrapped);
            if (balance && wrapped.Count > 1 && ShortLast(wrapped))
            {
                for (var step = 1; step <= 8; step++)
                {
                    var narrower = new List<string>();
                    WrapParagraph(paragraph, maxWidth - step * size, size, measurer, narrower);
                    if (narrower.Count != wrapped.Count) break;
                    if (!ShortLast(narrower))
                    {
                        wrapped = narrower;
                        break;
                    }
                }
            }
            lines.AddRange(wrapped);
        }
        return [.. lines];
    }

    /// <summary>
    /// Breaks at spaces only, when every space-separated word fits a line (「板橋区板橋二丁目66番1号」 / 「板橋ハイツ305」,
    /// 「板橋」 / 「健一」); otherwise as <see cref="Wrap"/>. Names and addresses read better broken where they have a space.
    /// </summary>
    public static IReadOnlyList<string> WrapAtSpaces(string text, double maxWidth, double size, ITextMeasurer measurer)
    {
        var words = text.Split([' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || text.Contains('\n') || words.Any(w => measurer.Measure(w, size) > maxWidth))
            return Wrap(text, maxWidth, size, measurer);
        var lines = new List<string>();
        var current = "";
        var rest = text;
        foreach (var word in words)
        {
            // Keep the space the text had between words on the same line.
            var at = rest.IndexOf(word, StringComparison.Ordinal);
            var gap = current.Length == 0 ? "" : rest[..at];
            rest = rest[(at + word.Length)..];
            if (current.Length > 0 && measurer.Measure(current + gap + word, size) > maxWidth)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current += gap + word;
            }
        }
        lines.Add(current);
        return lines;
    }

    private static bool ShortLast(List<string> lines) => new StringInfo(lines[^1]).LengthInTextElements < 3;

    private static void WrapParagraph(string text, double maxWidth, double size, ITextMeasurer measurer, List<string> lines)
    {
        var units = Units(text).SelectMany(u => u.Length > 1 && measurer.Measure(u, size) > maxWidth
            ? Units(u, keepWords: false) // a word wider than the line is split anywhere
            : [u]).ToList();
        if (units.Count == 0)
        {
            lines.Add("");
            return;
        }
        var current = new List<string>();
        double width = 0;
        foreach (var unit in units)
        {
            var w = measurer.Measure(unit, size);
            if (current.Count > 0 && width + w > maxWidth)
            {
                var carried = new List<string>();
                // 追い出し: pull characters that may not start a line, and any opening bracket left at the end, down.
                if (IsNoLineStart(unit))
                {
                    while (current.Count > 1 && IsNoLineStart(current[^1])) Move(current, carried);
                    if (current.Count > 1) Move(current, carried);
                }
                while (current.Count > 1 && IsNoLineEnd(current[^1])) Move(current, carried);
                lines.Add(string.Concat(current).TrimEnd(' ', '\u3000'));
                current = carried;
                width = current.Sum(u => measurer.Measure(u, size));
                if (current.Count == 0 && unit is " " or "\u3000") continue; // a break eats the space
            }
            current.Add(unit);
            width += w;
        }
        lines.Add(string.Concat(current).TrimEnd(' ', '\u3000'));
    }

    /// <summary>
    /// Breaks between any two characters, without 禁則: the last resort for a value that 禁則 would push out of its cell
    /// (a run of 「ーーー」), so that what validates still prints rather than being refused for typography.
    /// </summary>
    public static IReadOnlyList<string> WrapAnywhere(string text, double maxWidth, double size, ITextMeasurer measurer)
    {
        var lines = new List<string>();
        var current = new System.Text.StringBuilder();
        double width = 0;
        foreach (var unit in Units(text.Replace("\r\n", "\n"), keepWords: false))
        {
            if (unit == "\n")
            {
                lines.Add(current.ToString());
                current.Clear();
                width = 0;
                continue;
            }
            var w = measurer.Measure(unit, size);
            if (current.Length > 0 && width + w > maxWidth)
            {
                lines.Add(current.ToString().TrimEnd(' ', '\u3000'));
                current.Clear();
                width = 0;
                if (unit is " " or "\u3000") continue;
            }
            current.Append(unit);
            width += w;
        }
        lines.Add(current.ToString().TrimEnd(' ', '\u3000'));
        return lines;
    }

    private static void Move(List<string> from, List<string> to)
    {
        to.Insert(0, from[^1]);
        from.RemoveAt(from.Count - 1);
    }

    private static bool IsNoLineStart(string unit) => unit.Length > 0 && NoLineStart.Contains(unit[0]);

    private static bool IsNoLineEnd(string unit) => unit.Length > 0 && NoLineEnd.Contains(unit[^1]);

    /// <summary>Breakable units: runs of ASCII letters and digits, single spaces, or one text element (base + selectors).</summary>
    internal static List<string> Units(string text, bool keepWords = true)
    {
        var units = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        string? word = null;
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            if (keepWords && (element.Length == 1 && char.IsAsciiLetterOrDigit(element[0]) || word is not null && element is "-" or "." or "," or "'" or "@"))
            {
                word = (word ?? "") + element;
                continue;
            }
            if (word is not null)
            {
                units.Add(word);
                word = null;
            }
            units.Add(element);
        }
        if (word is not null) units.Add(word);
        return units;
    }
}
