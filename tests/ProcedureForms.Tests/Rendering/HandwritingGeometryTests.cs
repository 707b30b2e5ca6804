using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Layout;
using Xunit.Abstractions;

namespace ProcedureForms.Tests.Rendering;

/// <summary>
/// Room to write by hand, measured on every blank catalog form's layout: the cells a resident writes in and the
/// character boxes. The figures are written to the test output (dotnet test --logger "console;verbosity=detailed").
/// </summary>
public sealed class HandwritingGeometryTests(ITestOutputHelper output)
{
    private const double Mm = 72 / 25.4;

    [Theory]
    [MemberData(nameof(SheetTests.GeneratedForms), MemberType = typeof(SheetTests))]
    public void Writing_cells_and_boxes_are_large_enough_for_handwriting(string name)
    {
        var (_, path, _) = Forms.SampleForms().Single(f => f.Name == name);
        var layout = FormRenderer.Layout(ProcedureForm.FromFile(path), null);
        var writable = layout.Pages.SelectMany(p => p.Items.OfType<RectItem>()).Where(r => r.Writable).ToList();
        var cells = writable.Where(r => r.Stroke > 0.5).ToList();
        var boxes = writable.Where(r => r.Stroke == 0).ToList(); // one per character box; the group's rules are drawn once
        Assert.NotEmpty(cells);
        var rows = cells.Select(c => c.Height / Mm).Order().ToList();
        var below8 = rows.Count(h => h < 7.95);
        output.WriteLine($"{name}: {cells.Count} writing cells, lowest {rows[0]:0.0} mm, median {rows[rows.Count / 2]:0.0} mm, {below8} below 8 mm" +
                         (boxes.Count == 0 ? "" : $"; {boxes.Count} boxes, smallest {boxes.Min(b => b.Width) / Mm:0.0} × {boxes.Min(b => b.Height) / Mm:0.0} mm"));
        // Furigana rows may be lower (6 mm, as on paper); nothing a resident writes in is lower than that.
        Assert.All(cells, c => Assert.True(c.Height >= 6 * Mm - 0.05, $"a writing cell {c.Height / Mm:0.0} mm high at y {c.Y / Mm:0} mm"));
        // A digit box holds a handwritten digit: at least 4 mm wide in a table, 5.5 mm in a row of its own.
        Assert.All(boxes, b => Assert.True(b.Width >= 4 * Mm - 0.05 && b.Height >= 5 * Mm - 0.05, $"a box {b.Width / Mm:0.0} × {b.Height / Mm:0.0} mm"));
    }
}
