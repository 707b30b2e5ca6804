using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Graphics.Operations.MarkedContent;

namespace ProcedureForms.Tests.Rendering.Pdf;

/// <summary>Issue 18, part 1: generated forms are tagged PDF, every drawing either in the structure or an artifact.</summary>
public sealed class TaggedPdfTests
{
    public static TheoryData<string> GeneratedForms() => ProcedureForms.Tests.Rendering.SheetTests.GeneratedForms();

    [Theory]
    [MemberData(nameof(GeneratedForms))]
    public void Every_content_item_on_every_page_is_in_the_structure_or_an_artifact(string name)
    {
        var (_, path, submissions) = Forms.SampleForms().Single(f => f.Name == name);
        var form = ProcedureForm.FromFile(path);
        var valid = Path.Combine(submissions, "valid.json");
        foreach (var submission in new JsonElement?[] { null, File.Exists(valid) ? Forms.Json(File.ReadAllText(valid)) : null }.Distinct())
        {
            using var document = PdfDocument.Open(FormRenderer.Render(form, submission, new RenderOptions { Municipality = "板橋区" }));
            Assert.True(document.Structure.Catalog.CatalogDictionary.ContainsKey(UglyToad.PdfPig.Tokens.NameToken.Create("StructTreeRoot")));
            foreach (var page in document.GetPages())
            {
                // Each open marked-content sequence: whether it (or one around it) puts its content in the tree or marks it an artifact.
                var stack = new Stack<bool>();
                var drawn = 0;
                foreach (var operation in page.Operations)
                {
                    switch (operation)
                    {
                        case BeginMarkedContent bmc:
                            stack.Push(bmc.Name.Data == "Artifact" || stack.Any(s => s));
                            break;
                        case BeginMarkedContentWithProperties bdc:
                            stack.Push(bdc.Properties?.ContainsKey(UglyToad.PdfPig.Tokens.NameToken.Create("MCID")) == true || stack.Any(s => s));
                            break;
                        case EndMarkedContent:
                            stack.Pop();
                            break;
                        default:
                            if (operation.Operator is "Tj" or "TJ" or "S" or "s" or "f" or "F" or "f*" or "B" or "B*" or "b" or "b*" or "Do")
                            {
                                drawn++;
                                Assert.True(stack.Any(s => s), $"{name} page {page.Number}: {operation.Operator} outside both the structure and any artifact");
                            }
                            break;
                    }
                }
                Assert.Empty(stack);
                Assert.True(drawn > 0);
            }
        }
    }

    [SkippableFact]
    public void The_structure_reads_title_sections_tables_and_each_label_before_its_value_with_the_staff_area_last()
    {
        var form = ProcedureForm.FromFile(Forms.ChildAllowancePath);
        var submission = Forms.Json(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json")));
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, FormRenderer.Render(form, submission, new RenderOptions { Municipality = "板橋区" }));
        try
        {
            var (code, tree) = Tools.Run("pdfinfo", "-struct-text", path);
            Assert.Equal(0, code);
            var lines = tree.Split('\n').Select(l => l.Trim()).ToList();
            Assert.Equal("Document", lines[0]);
            int Index(string text) => lines.FindIndex(l => l.Contains(text, StringComparison.Ordinal));
            Assert.True(Index("H1") < Index("\"児童手当 認定請求書\"") && Index("\"児童手当 認定請求書\"") > 0);
            Assert.True(Index("\"請求者\"") > 0 && lines[Index("\"請求者\"") - 1].StartsWith("H2", StringComparison.Ordinal));
            Assert.True(Index("\"氏名\"") < Index("\"板橋 花子\""), "a label reads before its value");
            Assert.Contains("Table (block)", lines);
            Assert.Contains(lines, l => l.StartsWith("TH", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("TD", StringComparison.Ordinal));
            Assert.True(Index("\"※職員記入欄\"") > Index("注意事項"), "the staff-only area reads last");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
