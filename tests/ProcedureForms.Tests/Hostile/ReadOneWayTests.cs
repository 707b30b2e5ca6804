using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Layout;
using ProcedureForms.Tests.Cli;
using ProcedureForms.Tests.Rendering;

namespace ProcedureForms.Tests.Hostile;

/// <summary>
/// Regressions where what was validated was not what was printed: <c>maxLength</c> counted grapheme clusters (a name of
/// 5,001 code points passed <c>maxLength: 30</c>; the probe used 10,000 marks), integer fields accepted <c>1e-400</c> and printed 「1e-400 週」, and
/// <see cref="FormRenderer"/> printed submissions it never validated. Fixtures beside this file.
/// </summary>
public sealed class ReadOneWayTests
{
    private static readonly string FormPath = Path.Combine(Forms.RepoRoot, "schemas", "forms", "ninshin-todokede.json");
    private static readonly ProcedureForm Form = ProcedureForm.FromFile(FormPath);

    private static string Fixture(string name) => Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Hostile", name);

    [Fact]
    public void Combining_marks_count_as_code_points_against_max_length()
    {
        var report = Form.Validate(File.ReadAllText(Fixture("combining-marks-name.json")));
        var error = Assert.Single(report.Errors, e => e.Keyword == "maxLength");
        Assert.Equal("/pregnantPerson/name", error.Pointer);
        Assert.Contains("現在5001文字", error.Message);
    }

    [Theory]
    [InlineData("💩💩", 2, true)]     // one code point each (a surrogate pair in UTF-16): the test suite's case
    [InlineData("e\u0301", 1, false)] // a letter and a combining mark: two code points, one grapheme
    [InlineData("e\u0301", 2, true)]
    public void Max_length_counts_code_points(string value, int limit, bool valid)
    {
        var form = Forms.WithField($$"""{"type":"string","maxLength":{{limit}}}""");
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["f"] = value });
        Assert.Equal(valid, form.Validate(json).IsValid);
    }

    [Fact]
    public void Min_length_counts_code_points()
    {
        var form = Forms.WithField("""{"type":"string","minLength":2}""");
        Assert.True(form.Validate("""{"f":"e\u0301"}""").IsValid);
        Assert.False(form.Validate("""{"f":"\uD842\uDFB7"}""").IsValid); // 𠮷: one code point in two UTF-16 units
    }

    [Theory]
    [InlineData("integer-tiny-exponent-weeks.json")]   // 1e-400 is not zero
    [InlineData("integer-long-fraction-weeks.json")]   // 1.0000000000000000001 is 1 as a double
    public void Numbers_that_are_not_integers_are_refused_by_an_integer_field(string fixture)
    {
        var report = Form.Validate(File.ReadAllText(Fixture(fixture)));
        Assert.Contains(report.Errors, e => (e.Pointer, e.Keyword) == ("/pregnancy/weeks", "type"));
        Assert.All(report.Errors, e => Assert.Equal("/pregnancy/weeks", e.Pointer));
        Assert.Throws<SubmissionInvalidException>(() => FormRenderer.Render(Form, Forms.Json(File.ReadAllText(Fixture(fixture)))));
    }

    [Theory]
    [InlineData("integer-negative-zero-weeks.json", "0")]
    [InlineData("integer-trailing-zero-weeks.json", "9")]
    public void Integers_written_another_way_print_in_their_canonical_form(string fixture, string printed)
    {
        var submission = Forms.Json(File.ReadAllText(Fixture(fixture)));
        Assert.True(Form.Validate(submission).IsValid);
        Assert.Equal([printed], Printed.Texts(FormRenderer.Layout(Form, submission), "/pregnancy/weeks"));
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1e-400")]
    [InlineData("12345678901234567890123456789012345678901")] // 41 digits
    [InlineData("1e9223372036854775807")] // the exponent arithmetic overflowed into ArgumentOutOfRangeException
    [InlineData("0.1e-9223372036854775808")]
    [InlineData("1e99999999999999999999")]
    public void Numbers_too_long_to_write_out_are_refused(string number)
    {
        var form = Forms.WithField("""{"type":"number"}""");
        var error = Assert.Single(form.Validate($$"""{"f":{{number}}}""").Errors);
        Assert.Equal(("/f", "number-length"), (error.Pointer, error.Keyword));
        Assert.DoesNotContain(number, error.Message);
        Assert.Throws<SubmissionInvalidException>(() => FormRenderer.Render(form, Forms.Json($$"""{"f":{{number}}}""")));
        Assert.Throws<PrintCheckException>(() => FormRenderer.Render(form, Forms.Json($$"""{"f":{{number}}}"""), new RenderOptions { Unvalidated = true }));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("1.50", "1.5")]
    [InlineData("1.5e3", "1500")]
    [InlineData("-25e-3", "-0.025")]
    [InlineData("0.000e5", "0")]
    [InlineData("100", "100")]
    [InlineData("1E+2", "100")]
    [InlineData("0.0e5", "0")]
    [InlineData("-0.000", "0")]
    [InlineData("120e-1", "12")]
    public void Canonical_number_text(string raw, string canonical)
    {
        Assert.Equal(canonical, JsonNumbers.Canonical(raw, out _));
    }

    [Fact]
    public void The_renderer_refuses_an_invalid_submission_unless_asked_for_a_marked_draft()
    {
        var invalid = Forms.Json(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "ninshin-todokede", "submissions", "invalid-missing.json")));
        var refused = Assert.Throws<SubmissionInvalidException>(() => FormRenderer.Render(Form, invalid));
        Assert.False(refused.Report.IsValid);
        Assert.DoesNotContain("/", refused.Message); // the count only; pointers may hold submitted keys
        foreach (var wrongShape in (string[])["\"x\"", "[]", "{}"])
            Assert.Throws<SubmissionInvalidException>(() => FormRenderer.Render(Form, Forms.Json(wrongShape)));

        var draft = FormRenderer.Layout(Form, invalid, new RenderOptions { Unvalidated = true });
        Assert.All(draft.Pages, page => Assert.Contains(page.Items.OfType<TextItem>(), t => t.Text == "下書き" && t.Source is null));
        // Regression: on the notes page (no title line) the mark was drawn over the first note.
        foreach (var page in draft.Pages)
        {
            var texts = page.Items.OfType<TextItem>().ToList();
            var mark = Assert.Single(texts, t => t.Text == "下書き");
            Assert.DoesNotContain(texts, t => t != mark && t.X < mark.X + mark.Width && mark.X < t.X + t.Width &&
                                              t.Baseline - t.Size < mark.Baseline && mark.Baseline - mark.Size < t.Baseline);
        }
        var example = FormRenderer.Layout(Form, invalid, new RenderOptions { Unvalidated = true, Example = true });
        Assert.All(example.Pages, page => Assert.DoesNotContain(page.Items.OfType<TextItem>(), t => t.Text == "下書き"));
        Assert.NotEmpty(FormRenderer.Render(Form, invalid, new RenderOptions { Unvalidated = true }));
        var valid = FormRenderer.Layout(Form, Forms.Json(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "ninshin-todokede", "submissions", "valid.json"))));
        Assert.DoesNotContain(valid.Pages.SelectMany(p => p.Items).OfType<TextItem>(), t => t.Text == "下書き");
    }

    [Theory]
    [InlineData("combining-marks-name.json")]
    [InlineData("integer-tiny-exponent-weeks.json")]
    [InlineData("integer-long-fraction-weeks.json")]
    public void The_cli_refuses_them_in_validate_render_and_batch(string fixture)
    {
        var path = Fixture(fixture);
        Assert.Equal(1, CliRunner.Run(["validate", FormPath, path]).Code);
        var pdf = Path.Combine(Path.GetTempPath(), $"procforms-{Guid.NewGuid():N}.pdf");
        Assert.Equal(1, CliRunner.Run(["render", FormPath, path, "-o", pdf]).Code);
        Assert.False(File.Exists(pdf));
        var folder = Directory.CreateTempSubdirectory("procforms-oneway-").FullName;
        try
        {
            var input = Path.Combine(folder, "in.jsonl");
            File.WriteAllText(input, File.ReadAllText(path).ReplaceLineEndings(" ") + "\n");
            var batch = CliRunner.Run(["batch", FormPath, input, "-o", Path.Combine(folder, "out")]);
            Assert.Equal(1, batch.Code);
            Assert.Contains("0 printed, 1 rejected", batch.Out);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("lone-surrogate-value.json")]
    [InlineData("lone-surrogate-key.json")] // gave "internal error" and aborted a whole batch
    public void Unpaired_surrogates_in_names_and_values_are_unreadable_not_internal_errors(string fixture)
    {
        var text = File.ReadAllText(Fixture(fixture));
        var e = Assert.Throws<SubmissionFormatException>(() => Form.Validate(text));
        Assert.Contains("unpaired surrogate", e.Message);
        using var lenient = System.Text.Json.JsonDocument.Parse(text);
        Assert.Throws<SubmissionFormatException>(() => Form.Validate(lenient.RootElement));
        Assert.Throws<SubmissionFormatException>(() => FormRenderer.Render(Form, lenient.RootElement, new RenderOptions { Unvalidated = true }));
        var (code, _, stderr) = CliRunner.Run(["validate", FormPath, Fixture(fixture)]);
        Assert.Equal(2, code);
        Assert.DoesNotContain("internal error", stderr);
        var folder = Directory.CreateTempSubdirectory("procforms-surrogate-").FullName;
        try
        {
            var input = Path.Combine(folder, "in.jsonl");
            var valid = File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "ninshin-todokede", "submissions", "valid.json"));
            File.WriteAllText(input, string.Join("\n", text.ReplaceLineEndings(" "), valid.ReplaceLineEndings(" ")) + "\n");
            var batch = CliRunner.Run(["batch", FormPath, input, "-o", Path.Combine(folder, "out")]);
            Assert.Equal(1, batch.Code);
            Assert.Contains("1 printed, 1 rejected", batch.Out); // the bad line does not stop the batch
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
