using ProcedureForms.Cli;

namespace ProcedureForms.Tests.Cli;

public sealed class RenderCliTests
{
    private static readonly string Sample = Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei");
    private static readonly string Form = Forms.ChildAllowancePath;

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private static string TempPdf() => Path.Combine(Path.GetTempPath(), $"procforms-{Guid.NewGuid():N}.pdf");

    [Fact]
    public void Filled_and_blank_forms_are_written_with_exit_0()
    {
        var filled = TempPdf();
        var blank = TempPdf();
        Assert.Equal(0, Run("render", Form, Path.Combine(Sample, "submissions", "valid.json"), "-o", filled, "--municipality", "板橋区").Code);
        Assert.Equal(0, Run("render", Form, "--blank", "-o", blank, "--pdfa").Code);
        Assert.StartsWith("%PDF-", File.ReadAllText(filled)[..5]);
        Assert.StartsWith("%PDF-", File.ReadAllText(blank)[..5]);
        File.Delete(filled);
        File.Delete(blank);
    }

    [Fact]
    public void Example_mode_marks_every_page()
    {
        var output = TempPdf();
        Assert.Equal(0, Run("render", Form, Path.Combine(Sample, "submissions", "valid.json"), "-o", output, "--example").Code);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(output))
            Assert.All(pdf.GetPages(), page => Assert.Contains("記入例", page.Text));
        File.Delete(output);
    }

    [Fact]
    public void A_definition_with_lint_errors_is_refused_unless_forced()
    {
        var form = Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Definitions", "Lint", "my-number-in-eleven-boxes.json");
        var output = TempPdf();
        var (code, _, stderr) = Run("render", form, "--blank", "-o", output);
        Assert.Equal(1, code);
        Assert.Contains("/properties/myNumber/boxes: error boxes-length-mismatch", stderr);
        Assert.False(File.Exists(output));
        Assert.Equal(0, Run("render", form, "--blank", "-o", output, "--force").Code);
        Assert.True(File.Exists(output));
        File.Delete(output);
    }

    [Fact]
    public void Invalid_submission_exits_1_with_the_errors_and_writes_no_pdf_unless_forced()
    {
        var output = TempPdf();
        var (code, _, stderr) = Run("render", Form, Path.Combine(Sample, "submissions", "invalid-numbers.json"), "-o", output);
        Assert.Equal(1, code);
        Assert.Contains("/claimant/myNumber: 「請求者・個人番号」", stderr);
        Assert.False(File.Exists(output));
        Assert.Equal(0, Run("render", Form, Path.Combine(Sample, "submissions", "invalid-numbers.json"), "-o", output, "--force").Code);
        Assert.True(File.Exists(output));
        File.Delete(output);
    }

    [Fact]
    public void Unprintable_character_exits_3_as_the_forms_problem_naming_field_and_character()
    {
        var submission = Path.GetTempFileName();
        File.WriteAllText(submission, File.ReadAllText(Path.Combine(Sample, "submissions", "valid.json")).Replace("板橋 花子", "吉田 𠮷子", StringComparison.Ordinal));
        var output = TempPdf();
        var (code, _, stderr) = Run("render", Form, submission, "-o", output);
        Assert.Equal(3, code);
        Assert.Contains("/claimant/name: 様式の問題で「請求者・氏名」を印刷できません：「𠮷」（U+20BB7）", stderr);
        Assert.Contains("様式の問題です。終了コード3", stderr);
        Assert.False(File.Exists(output));
        File.Delete(submission);
    }

    [Fact]
    public void Unreadable_inputs_and_wrong_usage_exit_2()
    {
        Assert.Equal(2, Run("render", Form, "/nonexistent.json", "-o", TempPdf()).Code);
        Assert.Equal(2, Run("render", "/nonexistent-form.json", "--blank", "-o", TempPdf()).Code);
        Assert.Equal(2, Run("render", Form, "-o", TempPdf()).Code); // neither a submission nor --blank
        Assert.Equal(2, Run("render", Form, "--blank").Code); // no -o
    }
}

public sealed class MunicipalityProfileTests
{
    [Fact]
    public void A_profile_fills_the_addressee_line_so_one_catalog_serves_any_municipality()
    {
        var form = ProcedureForms.Definitions.ProcedureForm.FromFile(Forms.ChildAllowancePath);
        string Addressee(ProcedureForms.Rendering.MunicipalityProfile? profile) =>
            ProcedureForms.Rendering.FormRenderer.Layout(form, null, new ProcedureForms.Rendering.RenderOptions { Municipality = profile })
                .Pages[0].Items.OfType<ProcedureForms.Rendering.Layout.TextItem>().Single(t => t.Text.StartsWith("（宛先）", StringComparison.Ordinal)).Text;
        Assert.Equal("（宛先）板橋区長", Addressee(ProcedureForms.Rendering.MunicipalityProfile.FromJson(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "municipality.json")))));
        Assert.Equal("（宛先）世田谷区長", Addressee("世田谷区"));
        // Without a municipality: a line to write it in, not a stray 「長」 after blanks.
        Assert.Equal("（宛先）", Addressee(null));
        var items = ProcedureForms.Rendering.FormRenderer.Layout(form, null, new ProcedureForms.Rendering.RenderOptions()).Pages[0].Items;
        var text = items.OfType<ProcedureForms.Rendering.Layout.TextItem>().Single(t => t.Text == "（宛先）");
        var line = Assert.Single(items.OfType<ProcedureForms.Rendering.Layout.LineItem>(), l => l.Y1 == l.Y2 && l.X1 > text.X && Math.Abs(l.Y1 - text.Baseline) < 4 && l.X2 - l.X1 > 100);
        // This form's addressee is 「（宛先）{municipality}長」: its 長 follows the line written in, never blanks before it.
        var head = Assert.Single(items.OfType<ProcedureForms.Rendering.Layout.TextItem>(), t => t.Text == "長" && Math.Abs(t.Baseline - text.Baseline) < 1);
        Assert.True(head.X >= line.X2);
        // With the default addressee 「（宛先）{head}」 nothing but the line follows.
        var plain = ProcedureForms.Definitions.ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "samples", "plain", "form.json"));
        var plainItems = ProcedureForms.Rendering.FormRenderer.Layout(plain, null, new ProcedureForms.Rendering.RenderOptions()).Pages[0].Items;
        var plainText = Assert.Single(plainItems.OfType<ProcedureForms.Rendering.Layout.TextItem>(), t => t.Text.StartsWith("（宛先）", StringComparison.Ordinal));
        Assert.Equal("（宛先）", plainText.Text);
        Assert.DoesNotContain(plainItems.OfType<ProcedureForms.Rendering.Layout.TextItem>(), t => t.Text.Contains('長', StringComparison.Ordinal) && Math.Abs(t.Baseline - plainText.Baseline) < 1);
        Assert.Throws<FormatException>(() => ProcedureForms.Rendering.MunicipalityProfile.FromJson("""{"head":"x"}"""));
    }

    [Fact]
    public void The_cli_takes_a_profile_file_and_refuses_a_bad_one_with_exit_2()
    {
        var output = Path.Combine(Path.GetTempPath(), $"procforms-{Guid.NewGuid():N}.pdf");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, ProcedureForms.Cli.CliApp.Run(["render", Forms.ChildAllowancePath, "--blank", "-o", output, "--profile", Path.Combine(Forms.RepoRoot, "samples", "municipality.json")], stdout, stderr));
        var bad = Path.GetTempFileName();
        File.WriteAllText(bad, "{\"nome\": 1}");
        Assert.Equal(2, ProcedureForms.Cli.CliApp.Run(["render", Forms.ChildAllowancePath, "--blank", "-o", output, "--profile", bad], stdout, stderr));
        Assert.Contains("cannot be used", stderr.ToString());
        Assert.DoesNotContain("internal error", stderr.ToString());
        File.Delete(output);
        File.Delete(bad);
    }
}
