using System.Globalization;
using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Definitions.Model;
using ProcedureForms.Japanese;
using ProcedureForms.Templates;

namespace ProcedureForms.Rendering.Layout;

/// <summary>A template page drawn whole as the page's background (a form XObject), before the values.</summary>
internal sealed record TemplatePageItem(TemplatePage Page) : LayoutItem
{
    /// <summary>Whether the page's form fields are drawn as their blank appearances (flattened), not kept as fields.</summary>
    public bool Flattened { get; init; } = true;
}

/// <summary>A tick mark inside a box the template prints (no box of ours).</summary>
internal sealed record TickItem(double X, double Y, double Size, string? Source = null) : LayoutItem;

/// <summary>
/// Lays a template form out: each template page as it is, and each value drawn into its placement: one line shrunk to
/// fit down to its minimum size, lines broken with 禁則, one character a box, the chosen option circled or ticked, a
/// 和暦 date with its era circled, table rows stepped down by their pitch. A value that cannot fit is a layout problem
/// (the print check refuses it with the field named); nothing is drawn outside its rectangle.
/// </summary>
internal sealed class TemplateLayout(ITextMeasurer measurer)
{
    private const double DefaultSize = 10.5;

    /// <summary>When the AcroForm is kept: each widget's value and drawing, by widget.</summary>
    private Dictionary<TemplateField, (string? Text, bool On, List<LayoutItem> Items)>? _widgets;

    public LayoutDocument Layout(ProcedureForm form, JsonElement? submission, LayoutOptions options)
    {
        var template = form.Template ?? throw new InvalidOperationException("The form has no template.");
        var pages = template.Pdf.Pages.Select(p => new List<LayoutItem> { new TemplatePageItem(p) { Flattened = !options.KeepFillable } }).ToList();
        var fill = submission is { } s ? new Fill(s, options) : null;
        _widgets = options.KeepFillable
            ? template.Pdf.Fields.Where(f => f.Kind is not ("signature" or "button")).ToDictionary(f => f, _ => ((string?)null, false, new List<LayoutItem>()))
            : null;
        // Fixed text prints on every copy: the municipality in an addressee line the template leaves blank.
        foreach (var (spec, rect) in template.Fixed)
        {
            var text = options.Municipality is { } profile ? MunicipalityProfile.Fill(spec.Target, profile) : spec.Target;
            if (text.Contains('{', StringComparison.Ordinal)) continue; // no municipality given: left blank to write by hand
            Line(spec, rect, text, null, null, pages);
        }
        if (fill is not null)
        {
            var rows = template.Placements.Where(p => p.Spec.Kind == "rows").ToDictionary(p => p.Spec.Target, StringComparer.Ordinal);
            foreach (var placement in template.Placements)
            {
                if (placement.Spec.Kind == "rows") continue;
                foreach (var (pointer, offset) in Instances(placement.Spec.Target, rows, fill))
                    Place(placement, pointer, offset, fill, pages);
            }
        }
        var sheetPages = pages.Count;
        if (fill is not null) Continuation(form, template, fill, pages);
        var first = template.Pdf.Pages[0];
        var names = _widgets is null ? null : AccessibleNames(form, template);
        return new LayoutDocument(Points(first.WidthMm), Points(first.HeightMm),
            pages.Select((items, i) => new LayoutPage(i + 1, items)
            {
                Size = i < sheetPages ? (template.Pdf.Pages[i].Geometry.Width, template.Pdf.Pages[i].Geometry.Height) : (ContinuationWidth, ContinuationHeight),
                Widgets = _widgets is null ? [] : _widgets.Where(w => w.Key.Page == i + 1)
                    .Select(w => new FillableWidget(w.Key, w.Value.Text, w.Value.On, w.Value.Items) { AccessibleName = names!.GetValueOrDefault(w.Key) }).ToList(),
            }).ToList())
        {
            Problems = fill?.Problems ?? [],
            SheetPages = sheetPages,
        };
    }

    private static double Points(double mm) => TemplateSpec.Points(mm);

    private const double ContinuationWidth = 595, ContinuationHeight = 842;

    /// <summary>
    /// Rows past what the template's table holds, when its placement asks for a continuation sheet: A4 pages of our own,
    /// headed 「別紙（続き）」 with the form's and the table's titles, the rows in a ruled table of the same columns.
    /// </summary>
    private void Continuation(ProcedureForm form, TemplateForm template, Fill fill, List<List<LayoutItem>> pages)
    {
        foreach (var table in template.Placements.Where(p => p.Spec is { Kind: "rows", Continuation: true }))
        {
            var array = table.Spec.Target;
            var limit = table.Spec.RowLimit ?? 1;
            if (fill.Value(array) is not { ValueKind: JsonValueKind.Array } values || values.GetArrayLength() <= limit) continue;
            var columns = template.Placements.Where(p => p.Spec.Kind != "rows" && TemplateForm.TableOf(p.Spec.Target) == array).ToList();
            if (columns.Count == 0) continue;
            const double margin = 20 * 72 / 25.4, rowHeight = 8 * 72 / 25.4;
            var width = (ContinuationWidth - 2 * margin) / columns.Count;
            var title = $"別紙（続き）　{form.Title}";
            var caption = $"{table.Field.Label}（{limit + 1}行目から）";
            var row = limit;
            while (row < values.GetArrayLength())
            {
                var items = new List<LayoutItem>
                {
                    new TextItem(margin, margin, 12, title) { Width = Math.Round(measurer.Measure(title, 12), 2) },
                    new TextItem(margin, margin + 20, 10, caption) { Width = Math.Round(measurer.Measure(caption, 10), 2) },
                };
                var top = margin + 28;
                for (var c = 0; c < columns.Count; c++)
                {
                    var header = new PlacedRect(pages.Count + 1, margin + c * width, top, width, rowHeight);
                    items.Add(new RectItem(header.X, header.Y, header.Width, header.Height, 0.5, 0.9));
                    LineInto(items, header, columns[c].Field.Label, array, fill, "center", ours: true);
                }
                var y = top + rowHeight;
                for (; row < values.GetArrayLength() && y + rowHeight <= ContinuationHeight - margin; row++, y += rowHeight)
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var cell = new PlacedRect(pages.Count + 1, margin + c * width, y, width, rowHeight);
                        items.Add(new RectItem(cell.X, cell.Y, cell.Width, cell.Height, 0.5));
                        var pointer = array + "/" + row.ToString(CultureInfo.InvariantCulture) + columns[c].Spec.Target[Math.Min(columns[c].Spec.Target.Length, array.Length + 2)..];
                        if (fill.Value(pointer) is { ValueKind: not JsonValueKind.Null } value && CellText(columns[c], pointer, value, fill) is { } text)
                            LineInto(items, cell, text, pointer, fill, "left");
                    }
                pages.Add(items);
            }
        }
    }

    /// <summary>A row's value as the continuation sheet writes it: dates in 和暦, choices by their labels.</summary>
    private static string? CellText(Placement column, string pointer, JsonElement value, Fill fill) =>
        column.Spec.Kind == "date" && value.ValueKind == JsonValueKind.String && JapaneseDate.TryParseAny(value.GetString(), out var date)
            ? JapaneseDate.Format(date)
            : Text(column.Field, pointer, value, fill);

    /// <summary>One line into a cell of a continuation sheet; <paramref name="ours"/>: the sheet's own heading (no value's source).</summary>
    private void LineInto(List<LayoutItem> items, PlacedRect cell, string text, string pointer, Fill fill, string align, bool ours = false)
    {
        var pages = new List<List<LayoutItem>>();
        for (var i = 0; i < cell.Page; i++) pages.Add(i == cell.Page - 1 ? items : []);
        var before = items.Count;
        Line(new PlacementSpec("", "", "text", null) { Align = align, Size = 9 }, cell with { X = cell.X + 1, Width = cell.Width - 2 }, text, pointer, fill, pages);
        if (ours && items.Count > before && items[^1] is TextItem heading) items[^1] = heading with { Source = null };
    }

    /// <summary>The submission pointers a placement prints: itself, or one per row of its table (stepped by the row pitch).</summary>
    private static IEnumerable<(string Pointer, double Offset)> Instances(string target, Dictionary<string, Placement> rows, Fill fill)
    {
        if (TemplateForm.TableOf(target) is not { } array)
        {
            yield return (target, 0);
            yield break;
        }
        var dash = array.Length;
        if (!rows.TryGetValue(array, out var table) || fill.Value(array) is not { ValueKind: JsonValueKind.Array } values) yield break;
        var limit = table.Spec.RowLimit ?? 1;
        var pitch = Points(table.Spec.RowPitchMm ?? 0);
        var count = values.GetArrayLength();
        if (count > limit && !table.Spec.Continuation)
            fill.Problem(array, $"の行（{count}行）が用紙の行数（{limit}行）を超えます。", $" has {count} rows; the sheet holds {limit}.");
        for (var i = 0; i < Math.Min(count, limit); i++)
            yield return (array + "/" + i.ToString(CultureInfo.InvariantCulture) + target[Math.Min(target.Length, dash + 2)..], i * pitch);
    }

    private void Place(Placement placement, string pointer, double offset, Fill fill, List<List<LayoutItem>> pages)
    {
        if (fill.Value(pointer) is not { } value || value.ValueKind == JsonValueKind.Null) return;
        var spec = placement.Spec;
        PlacedRect? Shift(PlacedRect? r) => r?.Down(offset);
        if (value.ValueKind == JsonValueKind.Array && spec.Kind is "circle" or "tick")
        {
            // Several choices (an array of enum values): each chosen one marked at its place.
            foreach (var chosen in value.EnumerateArray()) Mark(placement, pointer, chosen, Shift, fill, pages);
            return;
        }
        switch (spec.Kind)
        {
            case "circle" or "tick":
                Mark(placement, pointer, value, Shift, fill, pages);
                break;
            case "date":
                Date(placement, pointer, value, offset, fill, pages);
                break;
            case "boxes":
                if (Text(placement.Field, pointer, value, fill) is { } boxed) Boxes(spec, Shift(placement.Rect)!, boxed, pointer, fill, pages);
                break;
            case "multiline":
                if (Text(placement.Field, pointer, value, fill) is { } lines) Lines(spec, Shift(placement.Rect)!, lines, pointer, fill, pages);
                break;
            default:
                if (Text(placement.Field, pointer, value, fill) is { } line) Line(spec, Shift(placement.Rect)!, line, pointer, fill, pages);
                break;
        }
    }

    /// <summary>Circles or ticks the place of one chosen value (a boolean's own box when it is true).</summary>
    private void Mark(Placement placement, string pointer, JsonElement value, Func<PlacedRect?, PlacedRect?> shift, Fill fill, List<List<LayoutItem>> pages)
    {
        var place = placement.Options.Count > 0
            ? placement.Options.GetValueOrDefault(TemplateForm.Key(value))
            : value.ValueKind == JsonValueKind.True ? placement.Rect : null;
        if (placement.Options.Count > 0 && place is null)
        {
            fill.Problem(pointer, "の選択肢に印をつける場所が様式にありません。", " has no place on the template for this option.");
            return;
        }
        if (shift(place) is not { } r) return;
        // The mark reads as the value chosen (its label, or ☑ for a yes), since the template's printed options are not ours to tag.
        var label = placement.Field.Options.FirstOrDefault(o => JsonElement.DeepEquals(o.Value, value))?.Label
            ?? (placement.Field.Item?.Options.FirstOrDefault(o => JsonElement.DeepEquals(o.Value, value))?.Label) ?? "☑";
        Add(pages, r, new MarkedStart(label, pointer));
        if (placement.Spec.Kind == "circle")
            Add(pages, r, new EllipseItem(r.X + r.Width / 2, r.Y + r.Height / 2, r.Width / 2 + 1.5, r.Height / 2 + 1.2, 0.8, pointer), on: true);
        else
        {
            var size = Math.Min(r.Width, r.Height);
            Add(pages, r, new TickItem(r.X + (r.Width - size) / 2, r.Y + (r.Height - size) / 2, size, pointer), on: true);
        }
        Add(pages, r, new MarkedEnd());
    }

    /// <summary>A value as printed text: a choice by its label, a number canonical, 個人番号 masked on request.</summary>
    private static string? Text(FormNode field, string pointer, JsonElement value, Fill fill)
    {
        foreach (var option in field.Options)
            if (JsonElement.DeepEquals(option.Value, value)) return option.Label;
        return fill.Text(field, pointer);
    }

    private void Line(PlacementSpec spec, PlacedRect r, string text, string? pointer, Fill? fill, List<List<LayoutItem>> pages)
    {
        var size = spec.Size ?? Math.Min(DefaultSize, r.Height * 0.8);
        var width = measurer.Measure(text, size);
        if (width > r.Width - 2)
        {
            size *= (r.Width - 2) / width;
            if (size < spec.MinSize)
            {
                if (fill is null || pointer is null)
                {
                    // The form's own text (a municipality's long name in a fixed box): printed at the minimum size rather than refused.
                    size = spec.MinSize;
                    width = measurer.Measure(text, size);
                    Add(pages, r, text, new TextItem(Math.Round(r.X + 1, 2), Math.Round(Canvas.Baseline(new Box(r.X, r.Y, r.Width, r.Height), size), 2), size, text, pointer) { Width = Math.Round(width, 2) });
                    return;
                }
                fill.Problem(pointer, $"は様式の欄（幅{TemplateSpec.Mm(r.Width)}mm）に{spec.MinSize:0.#}ポイントでも収まりません。",
                    $" does not fit its box ({TemplateSpec.Mm(r.Width)} mm wide) even at {spec.MinSize:0.#} pt.");
                return;
            }
            size = Math.Floor(size * 4) / 4;
            width = measurer.Measure(text, size);
        }
        var x = spec.Align switch
        {
            "center" => r.X + (r.Width - width) / 2,
            "right" => r.Right - 1 - width,
            _ => r.X + 1,
        };
        Add(pages, r, text, new TextItem(Math.Round(x, 2), Math.Round(Canvas.Baseline(new Box(r.X, r.Y, r.Width, r.Height), size), 2), size, text, pointer) { Width = Math.Round(width, 2) });
    }

    private void Lines(PlacementSpec spec, PlacedRect r, string text, string pointer, Fill fill, List<List<LayoutItem>> pages)
    {
        for (var size = spec.Size ?? DefaultSize; size >= spec.MinSize; size -= 0.5)
        {
            var lines = LineBreaker.Wrap(text, r.Width - 2, size, measurer);
            var lineHeight = size * 1.35;
            if (lines.Count * lineHeight > r.Height) continue;
            var top = r.Y + (r.Height - lines.Count * lineHeight) / 2;
            for (var i = 0; i < lines.Count; i++)
                Add(pages, r, text, new TextItem(Math.Round(r.X + 1, 2), Math.Round(Canvas.Baseline(new Box(r.X, top + i * lineHeight, r.Width, lineHeight), size), 2), size, lines[i], pointer)
                {
                    Width = Math.Round(measurer.Measure(lines[i], size), 2),
                });
            return;
        }
        fill.Problem(pointer, $"は様式の欄（{TemplateSpec.Mm(r.Width)}×{TemplateSpec.Mm(r.Height)}mm）に{spec.MinSize:0.#}ポイントでも収まりません。",
            $" does not fit its box ({TemplateSpec.Mm(r.Width)} x {TemplateSpec.Mm(r.Height)} mm) even at {spec.MinSize:0.#} pt.");
    }

    private void Boxes(PlacementSpec spec, PlacedRect r, string text, string pointer, Fill fill, List<List<LayoutItem>> pages)
    {
        var characters = new List<string>();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext()) characters.Add((string)elements.Current);
        var pitch = spec.Count is > 0 ? r.Width / spec.Count.Value : Points(spec.PitchMm ?? 5);
        var count = spec.Count ?? (int)Math.Floor(r.Width / pitch + 0.01);
        if (characters.Count > count)
        {
            fill.Problem(pointer, $"は{characters.Count}文字で、様式の枠（{count}枠）に収まりません。", $" has {characters.Count} characters; the template has {count} boxes.");
            return;
        }
        var size = spec.Size ?? Math.Min(DefaultSize, Math.Min(pitch, r.Height) * 0.75);
        var first = spec.Align == "right" ? count - characters.Count : 0;
        for (var i = 0; i < characters.Count; i++)
        {
            var cell = new Box(r.X + (first + i) * pitch, r.Y, pitch, r.Height);
            var width = measurer.Measure(characters[i], size);
            Add(pages, r, text, new TextItem(Math.Round(cell.X + (pitch - width) / 2, 2), Math.Round(Canvas.Baseline(cell, size), 2), size, characters[i], pointer) { Width = Math.Round(width, 2) });
        }
    }

    private void Date(Placement placement, string pointer, JsonElement value, double offset, Fill fill, List<List<LayoutItem>> pages)
    {
        // ISO (format date) or 和暦 as written (format jp-era-date): validation accepted either.
        if (value.ValueKind != JsonValueKind.String || !JapaneseDate.TryParseAny(value.GetString(), out var date)) return;
        var spec = placement.Spec;
        if (placement.Rect is { } whole)
        {
            Line(spec, whole.Down(offset), JapaneseDate.Format(date), pointer, fill, pages);
            return;
        }
        var (era, year) = JapaneseDate.ToEraYear(date);
        if (placement.Options.Count > 0)
        {
            if (!placement.Options.TryGetValue(era.Name, out var eraRect))
            {
                fill.Problem(pointer, $"の元号（{era.Name}）が様式に印刷されていません。", $" is in the era {era.Romaji}, which the template does not print.");
                return;
            }
            var e = eraRect.Down(offset);
            Add(pages, e, new MarkedStart(era.Name, pointer));
            Add(pages, e, new EllipseItem(e.X + e.Width / 2, e.Y + e.Height / 2, e.Width / 2 + 1.5, e.Height / 2 + 1.2, 0.8, pointer), on: true);
            Add(pages, e, new MarkedEnd());
        }
        var center = spec with { Align = "center" };
        Line(center, placement.Year!.Down(offset), JapaneseDate.YearText(year), pointer, fill, pages);
        Line(center, placement.Month!.Down(offset), date.Month.ToString(CultureInfo.InvariantCulture), pointer, fill, pages);
        Line(center, placement.Day!.Down(offset), date.Day.ToString(CultureInfo.InvariantCulture), pointer, fill, pages);
    }

    /// <summary>Each widget a field is placed in, with that field's label (a table's first row: 「児童（1）・氏名」).</summary>
    private static Dictionary<TemplateField, string> AccessibleNames(ProcedureForm form, TemplateForm template)
    {
        var names = new Dictionary<TemplateField, string>();
        foreach (var placement in template.Placements)
        {
            var target = placement.Spec.Target;
            var pointer = target.EndsWith("/-", StringComparison.Ordinal) ? target[..^1] + "0" : target.Replace("/-/", "/0/", StringComparison.Ordinal);
            var label = form.LabelOf(pointer);
            foreach (var rect in placement.Rects)
                if (rect.Widget is { } widget) names.TryAdd(widget, label);
        }
        return names;
    }

    /// <summary>Draws <paramref name="item"/> on its page, or, when the AcroForm is kept, into the widget the rectangle came from.</summary>
    private void Add(List<List<LayoutItem>> pages, PlacedRect rect, LayoutItem item, bool on = false) => Add(pages, rect, null, item, on);

    private void Add(List<List<LayoutItem>> pages, PlacedRect rect, string? text, LayoutItem item, bool on = false)
    {
        if (_widgets is not null && rect.Widget is { } widget && _widgets.TryGetValue(widget, out var state))
        {
            state.Items.Add(item);
            _widgets[widget] = (text ?? state.Text, on || state.On, state.Items);
            return;
        }
        pages[rect.Page - 1].Add(item);
    }
}
