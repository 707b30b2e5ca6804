using System.Globalization;
using ProcedureForms.Definitions.Model;

namespace ProcedureForms.Rendering.Layout.Values;

/// <summary>
/// Character boxes, one per digit (個人番号 12, 〒 3+4 with the 〒 mark, 口座番号 7), each wide enough for a handwritten
/// digit, all with the same outline. Filling writes one character per box; a value longer than its boxes is reported.
/// </summary>
internal sealed class BoxesValue(FormNode field, ITextMeasurer measurer, bool compact) : ValueElement(field, measurer, compact)
{
    private bool Postal => Field.Format == "jp-postal-code";

    private int Count => Field.BoxGroups.Sum();

    private double Mark => Postal ? FormStyle.PostalMark : 0;

    private double Gaps => Math.Max(0, Field.BoxGroups.Count - 1) * FormStyle.BoxGroupGap;

    /// <summary>The box width: the full handwriting size, narrowed only as far as the cell demands.</summary>
    private double BoxWidth(double width)
    {
        var preferred = Compact ? FormStyle.TableBoxWidth : FormStyle.BoxWidth;
        if (Count == 0) return preferred;
        return Math.Min(preferred, (width - Mark - Gaps) / Count);
    }

    /// <summary>The least height a box needs for a handwritten digit; boxes grow with the row up to <see cref="FormStyle.BoxHeight"/>.</summary>
    private double MinBoxHeight(double width) => Math.Min(FormStyle.MinBoxHeight, Math.Max(BoxWidth(width) * 1.1, FormStyle.Leading(Size)));

    private double BoxHeight(double width, double available) => Math.Clamp(available, MinBoxHeight(width), FormStyle.BoxHeight);

    public override double NeededHeight(double width) => MinBoxHeight(width);

    public override double NeededWidth => Mark + Gaps + Count * (Compact ? FormStyle.TableBoxWidth : FormStyle.BoxWidth);

    public override void Draw(Canvas canvas, Box cell, string pointer)
    {
        var inner = cell.Inset(Compact ? FormStyle.PadX / 2 : FormStyle.PadX, FormStyle.PadY);
        var boxWidth = BoxWidth(inner.Width);
        var boxHeight = BoxHeight(inner.Width, inner.Height);
        var y = inner.Y + (inner.Height - boxHeight) / 2;
        var x = inner.X;
        var size = Math.Min(Size + 1, boxWidth * 0.8);
        if (Postal)
        {
            canvas.TextIn(new Box(x, y, FormStyle.PostalMark, boxHeight), Size, "〒");
            x += FormStyle.PostalMark;
        }
        var value = canvas.Fill?.Text(Field, pointer)?.Replace("-", "", StringComparison.Ordinal);
        var characters = value is null ? [] : StringInfo.ParseCombiningCharacters(value).Select((start, i) => StringInfo.GetNextTextElement(value, start)).ToList();
        if (characters.Count > Count)
        {
            canvas.Fill!.Problem(pointer, $"は{Count}文字の枠に入りません（{characters.Count}文字）。", $" does not fit its {Count} boxes ({characters.Count} characters).");
            characters = [];
        }
        // Amounts fill their boxes from the right, as 「　　4800000」 is written in 金額 boxes; codes from the left.
        var offset = Field.IsNumber && Field.NumberStyle != "code" ? Count - characters.Count : 0;
        var k = 0;
        var first = canvas.Items.Count;
        for (var g = 0; g < Field.BoxGroups.Count; g++)
        {
            if (g > 0)
            {
                canvas.Line(x + FormStyle.BoxGroupGap * 0.3, y + boxHeight / 2, x + FormStyle.BoxGroupGap * 0.7, y + boxHeight / 2, FormStyle.Rule);
                x += FormStyle.BoxGroupGap;
            }
            // One outline per group and each divider once: boxes drawn one by one would double their shared edges.
            var groupWidth = Field.BoxGroups[g] * boxWidth;
            canvas.Rect(new Box(x, y, groupWidth, boxHeight), FormStyle.ThinRule);
            for (var b = 0; b < Field.BoxGroups[g]; b++, k++)
            {
                if (b > 0) canvas.Line(x, y, x, y + boxHeight, FormStyle.ThinRule);
                canvas.Rect(new Box(x, y, boxWidth, boxHeight), 0, writable: true);
                if (k - offset >= 0 && k - offset < characters.Count)
                    canvas.TextIn(new Box(x, y, boxWidth, boxHeight), size, characters[k - offset], pointer, TextAlign.Center);
                x += boxWidth;
            }
        }
        // The digits read as one string (個人番号 as 12 digits, masked where the copy masks it), not one word a box.
        if (characters.Count > 0) canvas.ReadAs(first, string.Concat(characters), pointer);
    }
}
