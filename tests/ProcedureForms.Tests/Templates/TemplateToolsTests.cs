using System.Text.Json.Nodes;
using ProcedureForms.Cli;
using ProcedureForms.Definitions;
using UglyToad.PdfPig;

namespace ProcedureForms.Tests.Templates;

public sealed class TemplateToolsTests
{
    private static readonly string Fixtures = TemplatePdfTests.Fixtures;

    [Theory]
    [InlineData("libreoffice-form.pdf")]
    [InlineData("reportlab-form.pdf")]
    public void A_scaffold_lints_clean_once_the_titles_are_written(string file)
    {
        var folder = Directory.CreateTempSubdirectory("procforms-scaffold-").FullName;
        try
        {
            File.Copy(Path.Combine(Fixtures, file), Path.Combine(folder, file));
            var definition = Path.Combine(folder, "form.json");
            var (code, output, error) = Run("template", "scaffold", Path.Combine(folder, file), "-o", definition);
            Assert.True(code == 0, error);
            Assert.Contains("placed by AcroForm name", output, StringComparison.Ordinal);
            // What the designer does next: the form's title, each field's title, and labels for coded options.
            var json = JsonNode.Parse(File.ReadAllText(definition))!.AsObject();
            json["title"] = "試験の届";
            foreach (var (name, schema) in json["properties"]!.AsObject())
            {
                schema!["title"] = "項目" + name;
                if (schema["enum"] is JsonArray values)
                {
                    var labels = new JsonObject();
                    foreach (var value in values) labels[value!.GetValue<string>()] = "選択" + value.GetValue<string>();
                    schema["enumLabels"] = labels;
                }
            }
            File.WriteAllText(definition, json.ToJsonString());
            var form = ProcedureForm.FromFile(definition);
            var findings = FormLinter.Lint(form);
            Assert.DoesNotContain(findings, f => f.Severity >= LintSeverity.Warning);
            Assert.Equal(0, Run("lint", definition).Code);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_grid_draws_every_page_and_names_every_field()
    {
        var output = Path.Combine(Path.GetTempPath(), $"procforms-grid-{Guid.NewGuid():N}.pdf");
        try
        {
            Assert.Equal(0, Run("template", "grid", Path.Combine(Fixtures, "reportlab-form.pdf"), "-o", output).Code);
            using var document = PdfDocument.Open(output);
            Assert.Equal(2, document.NumberOfPages);
            var words = document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
            foreach (var name in new[] { "name", "kana", "phone", "householder", "sex=male", "sex=female", "previousAddress", "reason" })
                Assert.Contains(name, words);
            Assert.Contains("100", words); // a ruler's millimetres
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
