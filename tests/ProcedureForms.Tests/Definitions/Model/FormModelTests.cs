using ProcedureForms.Definitions;
using ProcedureForms.Definitions.Model;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Layout;

namespace ProcedureForms.Tests.Definitions.Model;

/// <summary>The form model: one field tree that messages, layout and lint all read.</summary>
public sealed class FormModelTests
{
    private static readonly string Fixtures = Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Definitions", "Model");

    [Fact]
    public void A_reference_inside_an_embedded_resource_resolves_against_that_resource_for_messages_and_print_alike()
    {
        // Regression: the layout resolved $ref against the root only, so 「#/$defs/name」 inside the resource
        // parts/person found the root's $defs/name and printed a different label than messages used.
        var form = ProcedureForm.FromFile(Path.Combine(Fixtures, "nested-id-reference.json"));
        var name = form.Model.Find("/applicant/name")!;
        Assert.Equal("届出人の氏名", name.Title);
        Assert.Equal("/$defs/person/$defs/name", name.Parts[^1].Pointer);

        var report = form.Validate("""{"applicant":{"phone":"03-1234-5678"}}""");
        Assert.Equal("「届出人・届出人の氏名」を入力してください。", report.Errors.Single().Message);
        var printed = FormRenderer.Layout(form, null).Pages.SelectMany(p => p.Items.OfType<TextItem>()).Select(t => t.Text).ToList();
        Assert.Contains("届出人の氏名", printed);
        Assert.Contains("届出人", printed);
        Assert.DoesNotContain(printed, t => t.Contains("ルートの氏名"));
    }

    [Fact]
    public void Every_catalog_field_is_named_in_messages_by_its_printed_label()
    {
        // A template form's labels are the template's own print, not ours.
        foreach (var (_, path, _) in Forms.SampleForms().Where(f => f.Name != "pathological" && ((IEnumerable<object[]>)ProcedureForms.Tests.Rendering.SheetTests.GeneratedForms()).Any(d => (string)d[0] == f.Name)))
        {
            var form = ProcedureForm.FromFile(path);
            var printed = FormRenderer.Layout(form, null).Pages.SelectMany(p => p.Items.OfType<TextItem>()).Select(t => t.Text).ToHashSet();
            foreach (var (node, pointer) in Leaves(form.Model.Root, ""))
            {
                var label = form.LabelOf(pointer);
                Assert.EndsWith(node.Label, label);
                // The label cell prints the same words (possibly broken into lines, or set apart when spread out).
                if (node.Parent == form.Model.Root && pointer.TrimStart('/') == form.Model.ApplicationDateField) continue;
                Assert.True(printed.Any(t => node.Label.StartsWith(t, StringComparison.Ordinal) || t == node.Label), $"{path} {pointer}: 「{node.Label}」 is not printed");
            }
        }
    }

    private static IEnumerable<(FormNode Node, string Pointer)> Leaves(FormNode node, string pointer)
    {
        foreach (var child in node.Children)
        {
            var at = JsonPointers.Append(pointer, child.Name);
            if (child.Kind == FormFieldKind.Group)
                foreach (var leaf in Leaves(child, at)) yield return leaf;
            else if (child.Kind == FormFieldKind.Table)
                foreach (var column in child.Columns.Where(c => c.Name.Length > 0)) yield return (column, JsonPointers.Append($"{at}/0", column.Name));
            else
                yield return (child, at);
        }
    }
}
