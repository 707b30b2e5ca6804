using ProcedureForms.Definitions;
using ProcedureForms.Validation;

namespace ProcedureForms.Tests.Definitions;

public sealed class FormCatalogTests
{
    private static (string, Uri, string) Doc(string name, string json) => (name, new Uri($"https://catalog.test/{name}"), json);

    private static string Version(string version, string from, string? until = null) =>
        $$"""{"$schema":"https://procedureforms.dev/schema/2026-11/form","formId":"jido-teate","formVersion":"{{version}}","effectiveFrom":"{{from}}"{{(until is null ? "" : $",\"effectiveUntil\":\"{until}\"")}},"title":"児童手当 {{version}}"}""";

    [Fact]
    public void Picks_the_version_in_effect_on_a_date()
    {
        var catalog = FormCatalog.FromDocuments([Doc("a.json", Version("2022.4", "2022-04-01", "2024-09-30")), Doc("b.json", Version("2024.10", "2024-10-01"))]);
        Assert.Equal("2022.4", catalog.FindEffective("jido-teate", new DateOnly(2024, 9, 30))!.Version);
        Assert.Equal("2024.10", catalog.FindEffective("jido-teate", new DateOnly(2024, 10, 1))!.Version);
        Assert.Null(catalog.FindEffective("jido-teate", new DateOnly(2020, 1, 1)));
        Assert.Equal("2022.4", catalog.Get("jido-teate", "2022.4").Version);
        Assert.Equal(2, catalog.Versions("jido-teate").Length);
        Assert.Throws<KeyNotFoundException>(() => catalog.Get("jido-teate", "1999"));
    }

    [Fact]
    public void Duplicate_id_and_version_is_an_error_naming_both_files()
    {
        var e = Assert.Throws<FormCatalogException>(() => FormCatalog.FromDocuments([Doc("a.json", Version("1", "2024-01-01", "2024-12-31")), Doc("b.json", Version("1", "2025-01-01"))]));
        var error = Assert.Single(e.Errors);
        Assert.Equal(("b.json", "/formId"), (error.Source, error.Pointer));
        Assert.Contains("a.json", error.Message);
    }

    [Fact]
    public void Overlapping_versions_are_an_error()
    {
        var e = Assert.Throws<FormCatalogException>(() => FormCatalog.FromDocuments([Doc("a.json", Version("1", "2024-01-01")), Doc("b.json", Version("2", "2025-01-01"))]));
        Assert.Equal("/effectiveFrom", Assert.Single(e.Errors).Pointer);
    }

    [Fact]
    public void Every_broken_file_is_reported_with_its_name()
    {
        var e = Assert.Throws<FormCatalogException>(() => FormCatalog.FromDocuments([
            Doc("bad-json.json", """{"formId":"x", """),
            Doc("bad-format.json", """{"formId":"y","formVersion":"1","properties":{"a":{"format":"nope"}}}"""),
        ]));
        Assert.Equal(["bad-json.json", "bad-format.json"], e.Errors.Select(x => x.Source));
    }

    [Fact]
    public void Shared_documents_without_formId_can_be_referenced()
    {
        var catalog = FormCatalog.FromDocuments([
            ("common.json", new Uri("https://catalog.test/common.json"), """{"$id":"https://procedureforms.dev/common","$defs":{"kana":{"title":"フリガナ","type":"string","format":"jp-katakana"}}}"""),
            Doc("form.json", """{"formId":"f","formVersion":"1","properties":{"kana":{"$ref":"https://procedureforms.dev/common#/$defs/kana"}}}"""),
        ]);
        var form = Assert.Single(catalog.Forms);
        Assert.Equal("「フリガナ」は全角カタカナで入力してください（姓と名の間は空白1つ）。", Assert.Single(form.Validate(Forms.Json("""{"kana":"かな"}""")).Errors).Message);
    }

    [Fact]
    public void Loads_a_folder()
    {
        var catalog = FormCatalog.FromDirectory(Path.Combine(Forms.RepoRoot, "schemas", "forms"));
        Assert.Contains("jido-teate-nintei", catalog.Ids);
        Assert.Contains("kaigo-nintei-shinsei", catalog.Ids);
    }

    [Fact]
    public void A_shared_form_validates_the_same_from_many_threads()
    {
        var form = FormCatalog.FromDirectory(Path.Combine(Forms.RepoRoot, "schemas", "forms")).Get("jido-teate-nintei", "2024.10");
        var folder = Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions");
        var submissions = Directory.GetFiles(folder, "*.json").Where(f => !f.EndsWith(".expected.json")).Select(File.ReadAllText).ToArray();
        var expected = submissions.Select(s => form.Validate(s).ToJson()).ToArray();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var k = i % submissions.Length;
            var language = i % 2 == 0 ? MessageLanguage.Japanese : MessageLanguage.English;
            var report = form.Validate(submissions[k], new ValidationOptions { Language = language });
            if (language == MessageLanguage.Japanese) Assert.Equal(expected[k], report.ToJson());
        });
    }
}
