using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Layout;

namespace ProcedureForms.Tests.Rendering;

/// <summary>
/// The printed 様式 over every catalog form: one fixed sheet blank or filled, nothing crossing a rule or another text,
/// values that cannot fit refused by name. Compared on the layout model with the real font's measurements.
/// </summary>
public sealed class SheetTests
{
    /// <summary>The sample forms that compose their own sheet (not printed on a template PDF).</summary>
    public static TheoryData<string> GeneratedForms()
    {
        var data = new TheoryData<string>();
        foreach (var (name, path, _) in Forms.SampleForms().Where(f => f.Name != "pathological"))
        {
            using var definition = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            if (!definition.RootElement.TryGetProperty("template", out _)) data.Add(name);
        }
        return data;
    }

    public static TheoryData<string> CatalogForms()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _, _) in Forms.SampleForms().Where(f => f.Name != "pathological")) data.Add(name);
        return data;
    }

    private static (ProcedureForm Form, JsonElement Valid) Load(string name)
    {
        var (_, path, submissions) = Forms.SampleForms().Single(f => f.Name == name);
        return (ProcedureForm.FromFile(path), Forms.Json(File.ReadAllText(Path.Combine(submissions, "valid.json"))));
    }

    private static readonly RenderOptions Options = new() { Municipality = "板橋区" };

    /// <summary>The form's own drawing: everything but the values, ticks and circles a submission adds.</summary>
    private static List<LayoutItem> FormItems(LayoutPage page) =>
    [
        // A structure element's tick-box state (its PrintField) is the value's; the element itself is the sheet's.
        .. page.Items.Select(i => i is StructStart s ? s with { PrintField = s.PrintField?.Split('/')[0] } : i).Where(i => i switch
        {
            TextItem t => t.Source is null,
            EllipseItem e => e.Source is null,
            TickItem => false,
            MarkedStart or MarkedEnd => false, // how the filled values read, not drawing
            _ => true,
        }).Select(i => i is CheckBoxItem box ? box with { Checked = false, Source = null } : i),
    ];

    [Theory]
    [MemberData(nameof(CatalogForms))]
    public void Blank_and_filled_are_the_same_sheet(string name)
    {
        var (form, valid) = Load(name);
        var blank = FormRenderer.Layout(form, null, Options);
        var filled = FormRenderer.Layout(form, valid, Options);
        Assert.Equal(blank.Pages.Count, filled.SheetPages);
        for (var i = 0; i < blank.Pages.Count; i++)
        {
            var expected = FormItems(blank.Pages[i]);
            var actual = FormItems(filled.Pages[i]);
            Assert.Equal(expected.Count, actual.Count);
            for (var k = 0; k < expected.Count; k++)
                Assert.True(expected[k] == actual[k], $"page {i + 1}, item {k}: blank {expected[k]} but filled {actual[k]}");
            // What filling adds is values, ticks and circles, each tied to the field it came from.
            Assert.All(filled.Pages[i].Items.Except(blank.Pages[i].Items), item => Assert.True(
                item is TextItem { Source: not null } or EllipseItem { Source: not null } or CheckBoxItem { Checked: true, Source: not null } or TickItem { Source: not null } or MarkedStart or MarkedEnd
                    or StructStart { PrintField: ['c', 'b', '/', ..] }, $"filling added {item}"));
        }
        Assert.Empty(filled.Problems);
    }

    [Theory]
    [MemberData(nameof(CatalogForms))]
    public void Nothing_crosses_a_rule_or_another_text_blank_filled_or_at_worst_case(string name)
    {
        var (form, valid) = Load(name);
        var worst = Forms.Json(ProcedureForms.Definitions.Model.WidestSubmission.Submission(form).ToJsonString());
        foreach (var (mode, layout) in new[] { ("blank", FormRenderer.Layout(form, null, Options)), ("filled", FormRenderer.Layout(form, valid, Options)), ("worst case", FormRenderer.Layout(form, worst, Options)) })
            foreach (var page in layout.Pages)
                Collisions.AssertNone(page, layout, $"{name} {mode} page {page.Number}");
    }

    [Theory]
    [MemberData(nameof(CatalogForms))]
    public void Every_worst_case_value_is_printed_or_refused_by_name(string name)
    {
        var (form, _) = Load(name);
        var worst = Forms.Json(ProcedureForms.Definitions.Model.WidestSubmission.Submission(form).ToJsonString());
        var layout = FormRenderer.Layout(form, worst, Options);
        foreach (var (pointer, _) in Scalars(worst))
        {
            var printed = layout.Pages.SelectMany(p => p.Items).Any(i => i is TextItem { Source: { } s } && s == pointer ||
                                                                          i is EllipseItem { Source: { } e } && e == pointer ||
                                                                          i is CheckBoxItem { Source: { } c } && c == pointer ||
                                                                          i is TickItem { Source: { } k } && k == pointer);
            var refused = layout.Problems.Any(p => p.Pointer == pointer);
            Assert.True(printed ^ refused, $"{pointer}: printed {printed}, refused {refused}");
        }
        if (layout.Problems.Count > 0)
        {
            var error = Assert.Throws<PrintCheckException>(() => FormRenderer.Render(form, worst, Options));
            Assert.All(layout.Problems, p => Assert.Contains(error.Errors, e => e.Pointer == p.Pointer && e.Message.Contains(e.Label)));
        }
    }

    private static IEnumerable<(string Pointer, JsonElement Value)> Scalars(JsonElement element, string pointer = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                    foreach (var s in Scalars(p.Value, JsonPointers.Append(pointer, p.Name))) yield return s;
                break;
            case JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                yield return (pointer, element); // a multi-select list: its ticks belong to the list
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    foreach (var s in Scalars(item, $"{pointer}/{i++}")) yield return s;
                break;
            case JsonValueKind.False:
                break; // an unticked box prints nothing
            default:
                yield return (pointer, element);
                break;
        }
    }
}

/// <summary>Geometry checks on a laid-out page: text against rules, text against text, values inside their cells.</summary>
internal static class Collisions
{
    private const double Tolerance = 0.25;

    private readonly record struct Rect(double X0, double Y0, double X1, double Y1)
    {
        public bool Overlaps(Rect o) => X0 < o.X1 - Tolerance && o.X0 < X1 - Tolerance && Y0 < o.Y1 - Tolerance && o.Y0 < Y1 - Tolerance;
        public bool Inside(Rect o) => X0 >= o.X0 - Tolerance && X1 <= o.X1 + Tolerance && Y0 >= o.Y0 - Tolerance && Y1 <= o.Y1 + Tolerance;
        public override string ToString() => $"[{X0:0.#},{Y0:0.#} – {X1:0.#},{Y1:0.#}]";
    }

    private static Rect Bounds(TextItem t) => new(t.X, t.Baseline - t.Size * 0.88, t.X + t.Width, t.Baseline + t.Size * 0.12);

    private static Rect Bounds(EllipseItem e) => new(e.CenterX - e.RadiusX, e.CenterY - e.RadiusY, e.CenterX + e.RadiusX, e.CenterY + e.RadiusY);

    /// <summary>Rules as thin rectangles: each outlined rectangle's four edges, each line, each tick box's outline.</summary>
    private static List<Rect> Rules(LayoutPage page)
    {
        var rules = new List<Rect>();
        void Segment(double x0, double y0, double x1, double y1) => rules.Add(new(Math.Min(x0, x1), Math.Min(y0, y1), Math.Max(x0, x1), Math.Max(y0, y1)));
        void Outline(double x, double y, double w, double h)
        {
            Segment(x, y, x + w, y);
            Segment(x, y + h, x + w, y + h);
            Segment(x, y, x, y + h);
            Segment(x + w, y, x + w, y + h);
        }
        foreach (var item in page.Items)
        {
            switch (item)
            {
                case RectItem { Stroke: > 0 } r: Outline(r.X, r.Y, r.Width, r.Height); break;
                case LineItem l: Segment(l.X1, l.Y1, l.X2, l.Y2); break;
                case CheckBoxItem b: Outline(b.X, b.Y, b.Size, b.Size); break;
            }
        }
        return rules;
    }

    private static bool Crosses(Rect box, Rect rule) =>
        // A rule crosses a box when it passes through its inside (touching the edge is allowed).
        rule.X0 < box.X1 - Tolerance && rule.X1 > box.X0 + Tolerance && rule.Y0 < box.Y1 - Tolerance && rule.Y1 > box.Y0 + Tolerance;

    public static void AssertNone(LayoutPage page, LayoutDocument layout, string where)
    {
        var rules = Rules(page);
        var texts = page.Items.OfType<TextItem>().ToList();
        var cells = page.Items.OfType<RectItem>().Where(r => r.Stroke > 0).Select(r => new Rect(r.X, r.Y, r.X + r.Width, r.Y + r.Height)).ToList();
        var pageRect = new Rect(0, 0, layout.Width, layout.Height);
        foreach (var text in texts)
        {
            var box = Bounds(text);
            Assert.True(box.Inside(pageRect), $"{where}: 「{text.Text}」 {box} leaves the page");
            var rule = rules.FirstOrDefault(r => Crosses(box, r));
            Assert.True(rule == default, $"{where}: 「{text.Text}」 {box} crosses the rule {rule}");
            var other = texts.FirstOrDefault(o => !ReferenceEquals(o, text) && Bounds(o).Overlaps(box));
            Assert.True(other is null, $"{where}: 「{text.Text}」 {box} overlaps 「{other?.Text}」 {(other is null ? "" : Bounds(other))}");
            if (text.Source is not null)
            {
                // A value stays inside the cell it was written in: the smallest ruled rectangle around its start.
                var cell = cells.Where(c => c.X0 <= box.X0 + Tolerance && c.X1 >= box.X0 && c.Y0 <= box.Y0 + Tolerance && c.Y1 >= box.Y0 + Tolerance)
                    .OrderBy(c => (c.X1 - c.X0) * (c.Y1 - c.Y0)).FirstOrDefault();
                if (cell != default) Assert.True(box.Inside(cell), $"{where}: value 「{text.Text}」 {box} leaves its cell {cell}");
            }
        }
        foreach (var ellipse in page.Items.OfType<EllipseItem>())
        {
            var box = Bounds(ellipse);
            var rule = rules.FirstOrDefault(r => Crosses(box, r));
            Assert.True(rule == default, $"{where}: a circle {box} crosses the rule {rule}");
        }
        foreach (var tick in page.Items.OfType<CheckBoxItem>())
        {
            var box = new Rect(tick.X, tick.Y, tick.X + tick.Size, tick.Y + tick.Size);
            var text = texts.FirstOrDefault(t => Bounds(t).Overlaps(box));
            Assert.True(text is null, $"{where}: a tick box {box} overlaps 「{text?.Text}」");
        }
    }
}
