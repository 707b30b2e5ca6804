using System.Text;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Validation;

namespace ProcedureForms.Tests.Hostile;

/// <summary>
/// The named catalog of unbounded-cost inputs from the hostile-input probe (1,000,000 items took over 60 s, 100,000
/// properties 49 s, a 50 MB string 1.8 GB, a 150,000-alternative pattern over 60 s to lint, a 10 MB enum 26 s): each is
/// now refused at once, by a limit that names itself. Timings are in the issue note (measured through the CLI), not here.
/// </summary>
public sealed class LimitTests
{
    private static readonly ProcedureForm Open = Forms.Inline(
        $$$$$"""{"$schema":"{{{{{Forms.Dialect}}}}}","title":"テスト","type":"object","properties":{"list":{"title":"一覧","type":"array","maxItems":10,"items":{"type":"object"}}}}""");

    private static ValidationError SingleLimit(ValidationReport report, string keyword)
    {
        var error = Assert.Single(report.Errors);
        Assert.Equal(keyword, error.Keyword);
        return error;
    }

    [Fact]
    public void A_million_items_is_larger_than_the_byte_limit()
    {
        var json = "{\"list\":[" + string.Join(",", Enumerable.Repeat("{}", 1_000_000)) + "]}";
        var e = Assert.Throws<SubmissionFormatException>(() => Open.Validate(json));
        Assert.Contains("SubmissionLimits.MaxBytes", e.Message);
    }

    [Fact]
    public void Items_beyond_the_limit_are_not_evaluated_one_by_one()
    {
        var json = "{\"list\":[" + string.Join(",", Enumerable.Repeat("{}", 5_000)) + "]}";
        var error = SingleLimit(Open.Validate(json), "limit:maxItems");
        Assert.Equal("/list", error.Pointer);
        Assert.Equal("「一覧」の件数が多すぎます（5000件、上限1000件）。", error.Message);
        var raised = Open.Validate(json, new ValidationOptions { Limits = new SubmissionLimits { MaxItems = 10_000 } });
        Assert.Equal("maxItems", Assert.Single(raised.Errors).Keyword); // with the limit raised, the form's own maxItems
    }

    [Fact]
    public void Properties_beyond_the_limit_are_one_error_without_their_names()
    {
        var json = "{" + string.Join(",", Enumerable.Range(0, 2_000).Select(i => $"\"k{i}\":1")) + "}";
        var error = SingleLimit(Open.Validate(json), "limit:maxProperties");
        Assert.Equal("", error.Pointer);
        Assert.DoesNotContain("k1", error.Message);
        var hundredThousand = "{" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"\"k{i}\":1")) + "}";
        Assert.Throws<SubmissionFormatException>(() => Open.Validate(hundredThousand)); // 1.4 MB: beyond the byte limit first
    }

    [Fact]
    public void A_50_MB_string_is_refused_before_it_is_parsed()
    {
        var json = "{\"name\":\"" + new string('あ', 50 * 1024 * 1024 / 3) + "\"}";
        var e = Assert.Throws<SubmissionFormatException>(() => Open.Validate(json));
        Assert.Contains("larger than the limit of 1,048,576 bytes", e.Message);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        Assert.Throws<SubmissionFormatException>(() => Open.Validate(stream));
    }

    [Fact]
    public void A_long_string_within_the_byte_limit_is_one_error_counted_in_code_points()
    {
        var error = SingleLimit(Open.Validate($$"""{"list":[{"note":"{{string.Concat(Enumerable.Repeat("𠮷", 12_000))}}"}]}"""), "limit:maxStringLength");
        Assert.Equal("/list/0", error.Pointer); // "note" is not declared: the submission's key is not echoed
        Assert.Contains("12000文字、上限10000文字", error.Message);
    }

    [Fact]
    public void Depth_100000_is_unreadable_and_says_which_limit()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        var e = Assert.Throws<SubmissionFormatException>(() => Open.Validate(json));
        Assert.Contains("deeper than the limit of 32 levels (SubmissionLimits.MaxDepth)", e.Message);
    }

    [Fact]
    public void One_level_beyond_the_depth_limit_is_reported_where_it_happens()
    {
        var json = "{\"list\":[" + new string('[', 31) + new string(']', 31) + "]}"; // 33 levels
        var error = SingleLimit(Open.Validate(json), "limit:maxDepth");
        Assert.Equal("/list/0", error.Pointer); // the nearest declared place: keys and deeper rows the form does not declare are not echoed
    }

    [Fact]
    public void A_submission_parsed_elsewhere_is_held_to_the_same_limits()
    {
        using var document = System.Text.Json.JsonDocument.Parse("{\"list\":[" + string.Join(",", Enumerable.Repeat("{}", 5_000)) + "]}");
        SingleLimit(Open.Validate(document.RootElement), "limit:maxItems");
        Assert.Throws<SubmissionInvalidException>(() => FormRenderer.Render(Open, document.RootElement));
    }

    [Fact]
    public void Limits_hold_for_drafts_too_before_anything_is_laid_out()
    {
        using var document = System.Text.Json.JsonDocument.Parse("{\"list\":[" + string.Join(",", Enumerable.Repeat("{}", 5_000)) + "],\"a\":1,\"a\":2}");
        var e = Assert.Throws<SubmissionInvalidException>(() => FormRenderer.Render(Open, document.RootElement, new RenderOptions { Unvalidated = true }));
        Assert.Equal("limit:maxItems", Assert.Single(e.Report.Errors).Keyword);
        Assert.Throws<SubmissionInvalidException>(() => FormRenderer.Layout(Open, document.RootElement));
    }

    [Fact]
    public void Shared_documents_are_held_to_the_definition_limits()
    {
        var common = new ReferenceDocument(new Uri("https://example.jp/common.json"),
            "{\"$defs\":{\"x\":{\"type\":\"string\",\"pattern\":\"" + new string('a', 2_000) + "\"}}}");
        var e = Assert.Throws<FormDefinitionException>(() => Forms.Inline(
            "{\"$schema\":\"" + Forms.Dialect + "\",\"title\":\"t\",\"type\":\"object\",\"properties\":{\"f\":{\"$ref\":\"https://example.jp/common.json#/$defs/x\"}}}",
            new FormLoadOptions { Documents = [common] }));
        var error = Assert.Single(e.Errors);
        Assert.Equal(("https://example.jp/common.json", "/$defs/x/pattern"), (error.Source, error.Pointer));
    }

    [Fact]
    public void A_pattern_length_limit_shorter_than_a_pattern_name_is_a_load_error_not_a_crash()
    {
        var e = Assert.Throws<FormDefinitionException>(() => Forms.Inline(
            "{\"$schema\":\"" + Forms.Dialect + "\",\"title\":\"t\",\"type\":\"object\",\"patternProperties\":{\"^[a-z]{1,9}$\":{}}}",
            new FormLoadOptions { Limits = new DefinitionLimits { MaxPatternLength = 5 } }));
        Assert.Contains("DefinitionLimits.MaxPatternLength", Assert.Single(e.Errors).Message);
    }

    [Fact]
    public void A_match_that_runs_out_of_time_under_not_never_makes_a_submission_valid()
    {
        // Regression: a timed-out match answered "invalid", which `not` turned into "valid".
        var form = Forms.WithField("""{"title":"記号","type":"string","not":{"pattern":"^((a+)+)\\1x$"}}""");
        var report = form.Validate(Forms.Json($$"""{"f":"{{new string('a', 5000)}}!"}"""));
        Assert.False(report.IsValid);
    }

    [Fact]
    public void The_report_lists_at_most_max_errors_and_says_how_many_more()
    {
        var json = "{\"list\":[" + string.Join(",", Enumerable.Repeat("1", 150)) + "]}";
        var errors = Open.Validate(json, new ValidationOptions { Limits = new SubmissionLimits { MaxErrors = 20 } }).Errors;
        Assert.Equal(21, errors.Count);
        Assert.Equal("limit:maxErrors", errors[^1].Keyword);
        Assert.Matches(@"^ほかに\d+件のエラーがあります（最初の20件だけを表示しています）。$", errors[^1].Message);
    }

    [Fact]
    public void Regex_time_is_bounded_per_validation_not_per_match()
    {
        // Each match runs into the 200 ms match timeout; 100 of them took 22 s. The budget stops the rest.
        var form = Forms.Inline($$$$$"""{"$schema":"{{{{{Forms.Dialect}}}}}","title":"テスト","type":"object","properties":{"codes":{"title":"記号","type":"array","items":{"type":"string","pattern":"^((a+)+)\\1x$"}}}}""");
        var value = "\"" + new string('a', 5000) + "!\"";
        var json = "{\"codes\":[" + string.Join(",", Enumerable.Repeat(value, 100)) + "]}";
        var errors = form.Validate(json, new ValidationOptions { Limits = new SubmissionLimits { MaxRegexTime = TimeSpan.FromMilliseconds(300) } }).Errors;
        Assert.Equal(100, errors.Count);
        Assert.Contains(errors, e => e.Keyword == "limit:maxRegexTime" && e.Message == "「記号（100）」を確かめる時間の上限（0.3秒）を超えました。内容を短く、簡単にしてください。");
        Assert.True(errors.Count(e => e.Keyword == "pattern") < 10, "after the budget is spent, matches no longer run");
    }

    [Fact]
    public void A_huge_pattern_does_not_load()
    {
        var pattern = "^(" + string.Join("|", Enumerable.Range(0, 150_000).Select(i => "a" + i)) + ")$";
        var e = Assert.Throws<FormDefinitionException>(() => Forms.WithField($$"""{"type":"string","pattern":"{{pattern}}"}"""));
        var error = Assert.Single(e.Errors);
        Assert.Equal("/properties/f/pattern", error.Pointer);
        Assert.Contains("DefinitionLimits.MaxPatternLength", error.Message);
    }

    [Fact]
    public void A_10_MB_enum_does_not_load_and_a_long_one_names_its_limit()
    {
        var huge = string.Join(",", Enumerable.Range(0, 1_000_000).Select(i => $"\"v{i}\""));
        var e = Assert.Throws<FormDefinitionException>(() => Forms.WithField($$"""{"type":"string","enum":[{{huge}}]}"""));
        Assert.Contains("DefinitionLimits.MaxBytes", Assert.Single(e.Errors).Message);
        var long1 = string.Join(",", Enumerable.Range(0, 2_000).Select(i => $"\"v{i}\""));
        var e2 = Assert.Throws<FormDefinitionException>(() => Forms.WithField($$"""{"type":"string","enum":[{{long1}}]}"""));
        Assert.Equal("/properties/f/enum", Assert.Single(e2.Errors).Pointer);
        var raised = new FormLoadOptions { Limits = new DefinitionLimits { MaxEnumValues = 5_000 } };
        Assert.NotNull(Forms.Inline($$$$$"""{"$schema":"{{{{{Forms.Dialect}}}}}","title":"t","type":"object","properties":{"f":{"type":"string","enum":[{{{{{long1}}}}}]}}}""", raised));
    }

    [Fact]
    public void Pages_beyond_the_limit_are_refused_before_drawing()
    {
        var form = ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "schemas", "forms", "ninshin-todokede.json"));
        var e = Assert.Throws<PrintCheckException>(() => FormRenderer.Render(form, null, new RenderOptions { MaxPages = 1 }));
        Assert.Equal("limit:maxPages", Assert.Single(e.Errors).Keyword);
    }

    [Fact]
    public void Limits_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubmissionLimits { MaxItems = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubmissionLimits { MaxRegexTime = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DefinitionLimits { MaxBytes = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RenderOptions { MaxPages = 0 });
        Assert.Throws<ArgumentNullException>(() => new ValidationOptions { Limits = null! });
    }

    [Theory]
    [InlineData("{\"list\":[", "truncated")]
    [InlineData("{\"list\":[]} x", "trailing garbage")]
    [InlineData("{\"list\":[]}\u0000", "trailing NUL")]
    public void Malformed_json_is_a_format_error_with_a_position(string json, string because)
    {
        var e = Assert.Throws<SubmissionFormatException>(() => Open.Validate(json));
        Assert.True(e.Line is not null, because);
    }

    [Fact]
    public void A_byte_order_mark_is_read_and_invalid_utf8_is_a_format_error()
    {
        using var bom = new MemoryStream([0xEF, 0xBB, 0xBF, .. "{\"list\":[]}"u8.ToArray()]);
        Assert.True(Open.Validate(bom).IsValid);
        using var invalid = new MemoryStream([.. "{\"list\":[{\"a\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}]}"u8.ToArray()]);
        Assert.Throws<SubmissionFormatException>(() => Open.Validate(invalid));
    }

    [Fact]
    public void The_cli_takes_limits_and_refuses_unknown_ones()
    {
        var folder = Directory.CreateTempSubdirectory("procforms-limit-").FullName;
        try
        {
            var form = Path.Combine(folder, "form.json");
            File.WriteAllText(form, $$$$$"""{"$schema":"{{{{{Forms.Dialect}}}}}","title":"テスト","type":"object","properties":{"list":{"title":"一覧","type":"array","items":{"type":"integer"}}}}""");
            var submission = Path.Combine(folder, "s.json");
            File.WriteAllText(submission, "{\"list\":[" + string.Join(",", Enumerable.Range(0, 50)) + "]}");
            Assert.Equal(0, Cli.CliRunner.Run(["validate", form, submission]).Code);
            var lowered = Cli.CliRunner.Run(["validate", form, submission, "--limit", "items=20"]);
            Assert.Equal(1, lowered.Code);
            Assert.Contains("上限20件", lowered.Err);
            var unknown = Cli.CliRunner.Run(["validate", form, submission, "--limit", "widgets=3"]);
            Assert.Equal(2, unknown.Code);
            Assert.Contains("no limit is called 'widgets'", unknown.Err);
            Assert.Equal(2, Cli.CliRunner.Run(["validate", form, submission, "--limit", "items=0"]).Code);
            Assert.Equal(1, Cli.CliRunner.Run(["render", form, submission, "-o", Path.Combine(folder, "o.pdf"), "--limit", "items=20"]).Code);
            Assert.Equal(0, Cli.CliRunner.Run(["render", form, submission, "-o", Path.Combine(folder, "o.pdf"), "--limit", "items=2000"]).Code);
            Assert.Equal(1, Cli.CliRunner.Run(["lint", form, "--limit", "definition-bytes=10"]).Code);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
