using System.Security.Cryptography;
using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Fonts;
using UglyToad.PdfPig;

namespace ProcedureForms.Tests.Rendering;

public sealed class RenderingTests
{
    private static readonly string Sample = Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei");
    private static readonly ProcedureForm Form = ProcedureForm.FromFile(Forms.ChildAllowancePath);
    private static readonly string ValidJson = File.ReadAllText(Path.Combine(Sample, "submissions", "valid.json"));

    private static string AllText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value))));
    }

    [Fact]
    public void Filled_form_contains_every_submitted_value_and_the_era_dates()
    {
        var submission = Forms.Json(ValidJson);
        var layout = FormRenderer.Layout(Form, submission);
        var pdf = FormRenderer.Render(Form, submission);
        var text = AllText(pdf).Replace(" ", "", StringComparison.Ordinal);
        foreach (var (pointer, value) in Strings(submission))
        {
            if (IsEnumCode(pointer))
            {
                Assert.True(Printed.Marked(layout, pointer), $"{pointer}: the chosen option is not marked");
                continue;
            }
            IReadOnlyList<string> expected = ProcedureForms.Japanese.JapaneseDate.TryParseAny(value, out _) ? Printed.DateParts(value)
                : pointer.EndsWith("myNumber", StringComparison.Ordinal) || pointer.EndsWith("postalCode", StringComparison.Ordinal) || pointer.EndsWith("Code", StringComparison.Ordinal) || pointer.EndsWith("accountNumber", StringComparison.Ordinal)
                    ? [.. value.Replace("-", "", StringComparison.Ordinal).Select(c => c.ToString())] // one character per box
                    : [value];
            Assert.Equal(expected, Printed.Texts(layout, pointer));
            foreach (var part in expected) Assert.Contains(part.Replace(" ", "", StringComparison.Ordinal), text);
        }
        // Birth dates circle their era on 「昭和・平成・令和」; the application date writes into 「令和　　年　　月　　日」.
        Assert.True(Printed.Marked(layout, "/claimant/birthDate"));
        Assert.True(Printed.Marked(layout, "/children/0/birthDate"));
        Assert.Equal(["8", "11", "26"], Printed.Texts(layout, "/applicationDate"));
        foreach (var label in (string[])["令和", "昭和・平成・令和", "厚生年金等", "同居"])
            Assert.Contains(label.Replace(" ", "", StringComparison.Ordinal), text);
    }

    private static bool IsEnumCode(string pointer) =>
        pointer is "/pension" or "/claimant/gender" or "/spouse/livingTogether" || pointer.EndsWith("/livingTogether", StringComparison.Ordinal) || pointer.EndsWith("/livelihood", StringComparison.Ordinal);

    private static IEnumerable<(string Pointer, string Value)> Strings(JsonElement element, string pointer = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return (pointer, element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                    foreach (var s in Strings(p.Value, pointer + "/" + p.Name)) yield return s;
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    foreach (var s in Strings(item, $"{pointer}/{i++}")) yield return s;
                break;
        }
    }

    [SkippableFact]
    public void Variation_sequence_draws_the_variant_glyph_and_extracts_as_the_same_string()
    {
        var font = FontRegistry.Default.Get(FontRegistry.IpaexMincho);
        const string plain = "葛";
        const string variant = "葛\U000E0100"; // IPAex Mincho registers this sequence
        Assert.True(font.Covers('葛', 0xE0100));
        Assert.NotEqual(font.GlyphIds(plain)[0], font.GlyphIds(variant)[0]);
        Assert.Single(font.GlyphIds(variant)); // the selector is consumed, not drawn as a box

        var form = Forms.Inline("""{"title":"届","type":"object","properties":{"name":{"title":"氏名","type":"string"}}}""");
        var withVariant = FormRenderer.Render(form, Forms.Json(JsonSerializer.Serialize(new { name = variant + "城" })));
        var withPlain = FormRenderer.Render(form, Forms.Json(JsonSerializer.Serialize(new { name = plain + "城" })));
        // Ordinal: a culture-aware comparison ignores variation selectors and would find 葛 in 葛+VS.
        Assert.Contains(variant + "城", AllText(withVariant), StringComparison.Ordinal);
        Assert.DoesNotContain(variant, AllText(withPlain), StringComparison.Ordinal);
        // And the page really looks different where the name is.
        Assert.NotNull(Golden.Compare(SkiaSharp.SKBitmap.Decode(Tools.Rasterize(withPlain, 100)[0]), SkiaSharp.SKBitmap.Decode(Tools.Rasterize(withVariant, 100)[0]), 8, 0));
    }

    [Fact]
    public void Uncovered_character_is_refused_by_name_before_anything_is_drawn()
    {
        var submission = ValidJson.Replace("板橋 花子", "吉田 𠮷子", StringComparison.Ordinal);
        using var output = new MemoryStream();
        var e = Assert.Throws<PrintCheckException>(() => FormRenderer.Render(Form, Forms.Json(submission), output));
        var error = Assert.Single(e.Errors);
        Assert.Equal(("/claimant/name", "print"), (error.Pointer, error.Keyword));
        Assert.Contains("𠮷", error.Message);
        Assert.Contains("U+20BB7", error.Message);
        Assert.Contains("IPAex Mincho", error.Message);
        Assert.DoesNotContain("𠮷", e.Message); // the exception's own message is safe to log
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void Private_use_gaiji_is_refused()
    {
        var submission = ValidJson.Replace("板橋 花子", "板橋 \uE001子", StringComparison.Ordinal);
        // No font prints 外字: the resident's (or the sending system's) to replace, so it is a validation error.
        var e = Assert.Throws<SubmissionInvalidException>(() => FormRenderer.Render(Form, Forms.Json(submission)));
        var error = Assert.Single(e.Report.Errors);
        Assert.Equal("character", error.Keyword);
        Assert.Contains("外字", error.Message);
    }

    [Fact]
    public void The_same_check_is_available_from_validation()
    {
        var report = Form.Validate(ValidJson.Replace("板橋 花子", "吉田 𠮷子", StringComparison.Ordinal),
            new ProcedureForms.Validation.ValidationOptions { PrintCheck = new ProcedureForms.Validation.PrintCheck(FontRegistry.Default.Get(FontRegistry.IpaexMincho)) });
        Assert.True(report.IsValid);
        Assert.Equal(("/claimant/name", "print"), (report.PrintProblems.Single().Pointer, report.PrintProblems.Single().Keyword));
    }

    [SkippableFact]
    public void One_sheet_filled_form_is_small_and_every_font_is_embedded_as_a_subset()
    {
        var pdf = FormRenderer.Render(Form, Forms.Json(ValidJson));
        // The front sheet and its back (注意事項), as the paper form is printed on both sides.
        using (var document = PdfDocument.Open(pdf)) Assert.Equal(2, document.NumberOfPages);
        Assert.Equal(1, FormRenderer.Layout(Form, Forms.Json(ValidJson)).Pages.Count(p => p.Items.OfType<ProcedureForms.Rendering.Layout.TextItem>().Any(t => t.Text.StartsWith("注意事項", StringComparison.Ordinal))));
        Assert.True(pdf.Length <= 64 * 1024, $"{pdf.Length} bytes"); // front and back: most of it is the font subset
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, pdf);
        try
        {
            var (code, fonts) = Tools.Run("pdffonts", path);
            Assert.Equal(0, code);
            var rows = fonts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, row =>
            {
                var columns = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Matches("^[A-Z]{6}\\+", columns[0]); // subset tag
                Assert.Equal(["yes", "yes", "yes"], columns[^5..^2]); // emb sub uni
            });
            var (qpdfCode, check) = Tools.Run("qpdf", "--check", path);
            Assert.Equal(0, qpdfCode);
            Assert.Contains("No syntax or stream encoding errors found", check);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Metadata_names_the_form_and_the_language()
    {
        var pdf = FormRenderer.Render(Form, Forms.Json(ValidJson));
        using var document = PdfDocument.Open(pdf);
        Assert.Equal("児童手当 認定請求書", document.Information.Title);
        Assert.Equal("jido-teate-nintei 2024.10", document.Information.Subject);
        Assert.Contains("ProcedureForms", document.Information.Producer);
        Assert.Equal("ja-JP", Catalog.Entry(pdf, "Lang"));
    }

    [SkippableFact]
    public void PdfA_output_passes_qpdf_and_carries_content_derived_ids()
    {
        var a = FormRenderer.Render(Form, Forms.Json(ValidJson), new RenderOptions { PdfA = true });
        var text = System.Text.Encoding.Latin1.GetString(a);
        Assert.Contains("pdfaid:part", text);
        Assert.Matches("uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", text); // version 5: derived, not time-based
        Assert.Equal(Convert.ToHexString(SHA256.HashData(a)), Convert.ToHexString(SHA256.HashData(FormRenderer.Render(Form, Forms.Json(ValidJson), new RenderOptions { PdfA = true }))));
    }

    [Fact]
    public void Masked_copies_print_stars_instead_of_the_my_number()
    {
        var text = AllText(FormRenderer.Render(Form, Forms.Json(ValidJson), new RenderOptions { MaskMyNumber = true }));
        Assert.DoesNotContain("123456789018", text.Replace(" ", ""));
        Assert.Contains("＊＊＊＊", text.Replace(" ", ""));
    }

    [Fact]
    public void A_registered_font_can_be_chosen_and_an_unknown_one_is_named()
    {
        var options = new RenderOptions { FontName = "Nope" };
        var e = Assert.Throws<KeyNotFoundException>(() => FormRenderer.Render(Form, null, options));
        Assert.Contains("Nope", e.Message);
        using var stream = typeof(FontRegistry).Assembly.GetManifestResourceStream("ProcedureForms.Fonts.ipaexm.ttf")!;
        var fonts = FontRegistry.Default.With(FormFont.FromStream("Custom Mincho", stream));
        Assert.NotEmpty(FormRenderer.Render(Form, null, new RenderOptions { Fonts = fonts, FontName = "Custom Mincho" }));
    }

    [Fact]
    public void Two_processes_render_the_same_bytes_with_and_without_PdfA()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "procforms.dll");
        foreach (var extra in new[] { Array.Empty<string>(), ["--pdfa"] })
        {
            var hashes = new List<string>();
            for (var run = 0; run < 2; run++)
            {
                var output = Path.Combine(Path.GetTempPath(), $"procforms-determinism-{Guid.NewGuid():N}.pdf");
                var (code, log) = Tools.Run("dotnet", [cli, "render", Forms.ChildAllowancePath, Path.Combine(Sample, "submissions", "valid.json"), "-o", output, .. extra]);
                Assert.True(code == 0, log);
                hashes.Add(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(output))));
                File.Delete(output);
            }
            Assert.Equal(hashes[0], hashes[1]);
        }
    }
}

/// <summary>
/// Regression: HarfBuzzSharp's managed Blob, once finalized, freed the memory a shared font face still read, so
/// concurrent renders during garbage collections produced corrupt subsets and crashed the process.
/// </summary>
public sealed class ConcurrentRenderingTests
{
    [Fact]
    public void Renders_from_many_threads_while_fonts_come_and_go_and_the_GC_runs()
    {
        var form = ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "schemas", "forms", "jido-teate-nintei.json"));
        var submission = Forms.Json(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json")));
        var expected = FormRenderer.Render(form, submission);
        using var stream = typeof(FontRegistry).Assembly.GetManifestResourceStream("ProcedureForms.Fonts.ipaexm.ttf")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var fontBytes = copy.ToArray();
        Parallel.For(0, 48, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            switch (i % 3)
            {
                case 0:
                    Assert.Equal(expected, FormRenderer.Render(form, submission));
                    break;
                case 1:
                    var font = FormFont.FromStream($"Copy {i}", new MemoryStream(fontBytes));
                    Assert.NotEmpty(FormRenderer.Render(form, null, new RenderOptions { Fonts = FontRegistry.Default.With(font), FontName = font.Name }));
                    break;
                default:
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    break;
            }
        });
    }
}

public sealed class MultiDocumentRenderingTests
{
    [SkippableFact]
    public void Many_forms_stream_into_one_pdf_with_its_language_and_a_clean_structure()
    {
        var form = ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "schemas", "forms", "jido-teate-nintei.json"));
        var submission = Forms.Json(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json")));
        var path = Path.GetTempFileName();
        using (var output = File.Create(path))
            FormRenderer.RenderMany(Enumerable.Range(0, 30).Select(i => (form, i % 3 == 0 ? (JsonElement?)null : submission)), output);
        try
        {
            var expectedPages = 10 * FormRenderer.Layout(form, null).Pages.Count + 20 * FormRenderer.Layout(form, submission).Pages.Count;
            using (var document = PdfDocument.Open(path)) Assert.Equal(expectedPages, document.NumberOfPages);
            Assert.Equal("ja-JP", Catalog.Entry(File.ReadAllBytes(path), "Lang"));
            var (code, check) = Tools.Run("qpdf", "--check", path);
            Assert.True(code == 0, check);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Nested_objects_print_as_sub_blocks()
    {
        var form = Forms.Inline("""
            {"type":"object","properties":{"applicant":{"title":"申請者","type":"object","properties":{
              "name":{"title":"氏名","type":"string"},
              "agent":{"title":"代理人","type":"object","properties":{"name":{"title":"氏名","type":"string"},"phone":{"title":"電話番号","type":"string","format":"jp-phone"}}}}}}}
            """);
        var layout = FormRenderer.Layout(form, Forms.Json("""{"applicant":{"name":"板橋 花子","agent":{"name":"板橋 太郎","phone":"03-3964-1111"}}}"""));
        var texts = layout.Pages[0].Items.OfType<ProcedureForms.Rendering.Layout.TextItem>().ToList();
        var agentLabel = texts.Single(t => t.Text == "代理人");
        var agentName = texts.Single(t => t.Text == "板橋 太郎");
        var subLabel = texts.Single(t => t.Text == "電話番号");
        Assert.True(subLabel.X > agentLabel.X + 50, "the sub-block's labels sit to the right of the block label");
        Assert.Equal("/applicant/agent/name", agentName.Source);
    }
}

/// <summary>Issue 18, part 4: a file of many documents has a bookmark and page labels for each.</summary>
public sealed class MergedNavigationTests
{
    [SkippableFact]
    public void A_merged_file_has_a_bookmark_per_document_with_its_label_and_pages_labelled_by_document()
    {
        var form = ProcedureForm.FromFile(Forms.ChildAllowancePath);
        var submission = Forms.Json(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json")));
        using var output = new MemoryStream();
        FormRenderer.RenderManyLabelled(Enumerable.Range(1, 30).Select(i => (form, (JsonElement?)submission, i % 10 == 0 ? null : (string?)$"受付番号 R8-{i:00000}")), output);
        using (var document = PdfDocument.Open(output.ToArray()))
        {
            Assert.True(document.TryGetBookmarks(out var bookmarks));
            var titles = bookmarks.Roots.Select(b => b.Title).ToList();
            Assert.Equal(30, titles.Count);
            Assert.Equal("受付番号 R8-00001　児童手当 認定請求書", titles[0]);
            Assert.Equal("10　児童手当 認定請求書", titles[9]); // no label: the document's number
            var pages = FormRenderer.Layout(form, submission).Pages.Count;
            Assert.Equal(pages + 1, Assert.IsType<UglyToad.PdfPig.Outline.DocumentBookmarkNode>(bookmarks.Roots[1]).PageNumber);
        }
        Assert.StartsWith("<Nums, [ 0, <S, /D>, <P, (1-)>, 2, <S, /D", Catalog.Entry(output.ToArray(), "PageLabels"), StringComparison.Ordinal); // PdfPig's rendering: page 1 starts 1-, page 3 starts 2-
        Tools.AssertQpdfClean(output.ToArray());
        // One document: no bookmarks, as before.
        Assert.DoesNotContain("/Outlines", System.Text.Encoding.Latin1.GetString(FormRenderer.Render(form, submission)), StringComparison.Ordinal);
    }
}

/// <summary>Issue 18, part 2: the chosen value is the text (ActualText), as extractors and screen readers read it.</summary>
public sealed class ChosenValueTextTests
{
    [SkippableFact]
    public void Pdftotext_reads_the_chosen_era_date_and_choices_and_the_blank_form_reads_its_options()
    {
        var form = ProcedureForm.FromFile(Forms.ChildAllowancePath);
        var submission = Forms.Json(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json")));
        var filled = Text(FormRenderer.Render(form, submission));
        foreach (var phrase in new[] { "昭和63年4月12日", "平成27年6月1日", "長男", "長女", "生計同一", "厚生年金等" })
            Assert.Contains(phrase, filled, StringComparison.Ordinal);
        // The claimant's date line no longer reads as the era list with numbers in its gaps.
        Assert.DoesNotContain("昭和 ・ 平成", filled.Split('\n').First(l => l.Contains("生年月日", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("123456789018", filled, StringComparison.Ordinal); // 個人番号 as one string, not 12 words
        Assert.Contains("＊＊＊＊＊＊＊＊＊＊＊＊", Text(FormRenderer.Render(form, submission, new RenderOptions { MaskMyNumber = true })), StringComparison.Ordinal);
        var blank = Text(FormRenderer.Render(form, null));
        Assert.Contains("同居 ・ 別居", blank, StringComparison.Ordinal);
        Assert.Contains("有 ・ 無", blank, StringComparison.Ordinal);
    }

    private static string Text(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, pdf);
        try
        {
            var (code, text) = Tools.Run("pdftotext", "-layout", "-f", "1", "-l", "1", path, "-");
            Assert.Equal(0, code);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>Reads the document catalog as PdfPig parses it (the catalog may sit in a compressed object stream).</summary>
internal static class Catalog
{
    /// <summary>A catalog entry as text (a string's value, or PdfPig's rendering of anything else), or null.</summary>
    public static string? Entry(byte[] pdf, string key)
    {
        using var document = PdfDocument.Open(pdf);
        var catalog = document.Structure.Catalog.CatalogDictionary;
        if (!catalog.TryGet(UglyToad.PdfPig.Tokens.NameToken.Create(key), out var token)) return null;
        return token switch
        {
            UglyToad.PdfPig.Tokens.StringToken s => s.Data,
            UglyToad.PdfPig.Tokens.IndirectReferenceToken r => document.Structure.GetObject(r.Data).Data.ToString(),
            _ => token.ToString(),
        };
    }
}
