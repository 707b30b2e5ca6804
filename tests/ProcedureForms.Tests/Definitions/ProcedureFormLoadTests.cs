using System.Text;
using ProcedureForms.Definitions;

namespace ProcedureForms.Tests.Definitions;

public sealed class ProcedureFormLoadTests
{
    private static FormDefinitionException LoadFails(string json) =>
        Assert.Throws<FormDefinitionException>(() => ProcedureForm.FromText(json));

    [Fact]
    public void Bad_json_is_a_load_error_with_its_position()
    {
        var e = LoadFails("{\"type\": \"object\",\n \"properties\": }");
        var error = Assert.Single(e.Errors);
        Assert.Equal("", error.Pointer);
        Assert.Contains("2行目の16バイト目", error.Message); // the "}" where a value should be
        Assert.DoesNotContain("LineNumber", error.Message); // one position, not the parser's second one
    }

    [Fact]
    public void Meta_schema_violations_come_back_as_a_list_with_pointers()
    {
        var e = LoadFails("""{"type":"object","properties":{"name":{"type":"text","maxLength":-1},"age":{"minimum":"ten"}}}""");
        Assert.Contains(e.Errors, x => x.Pointer == "/properties/name/type");
        Assert.Contains(e.Errors, x => x.Pointer == "/properties/name/maxLength");
        Assert.Contains(e.Errors, x => x.Pointer == "/properties/age/minimum");
    }

    [Fact]
    public void Vocabulary_keywords_are_checked_by_our_meta_schema()
    {
        var e = LoadFails("""{"$schema":"https://procedureforms.dev/schema/2026-11/form","sealPolicy":"hanko","properties":{"p":{"boxes":0,"ageOn":{"on":"birthday"}}}}""");
        Assert.Contains(e.Errors, x => x.Pointer == "/sealPolicy");
        Assert.Contains(e.Errors, x => x.Pointer == "/properties/p/boxes");
        Assert.Contains(e.Errors, x => x.Pointer == "/properties/p/ageOn");
    }

    [Fact]
    public void Unknown_format_is_a_load_error_at_its_pointer()
    {
        var error = Assert.Single(LoadFails("""{"properties":{"n":{"format":"jp-mynumber"}}}""").Errors);
        Assert.Equal("/properties/n/format", error.Pointer);
        Assert.Contains("jp-mynumber", error.Message);
    }

    [Fact]
    public void Unknown_format_loads_when_formats_are_only_annotations() =>
        Assert.True(ProcedureForm.FromText("""{"format":"whatever"}""", new FormLoadOptions { AssertFormats = false }).Validate(Forms.Json("\"x\"")).IsValid);

    [Theory]
    [InlineData("https://json-schema.org/draft/2020-12/links#/nothing")]
    [InlineData("https://example.com/schemas/address.json")]
    [InlineData("address.json")]
    [InlineData("file:///etc/passwd")]
    [InlineData("#/$defs/missing")]
    public void Unresolvable_ref_is_a_load_error_and_nothing_is_fetched(string reference)
    {
        var error = Assert.Single(LoadFails("""{"properties":{"a":{"$ref":"REF"}}}""".Replace("REF", reference)).Errors);
        Assert.Equal("/properties/a/$ref", error.Pointer);
    }

    [Fact]
    public void A_ref_to_a_document_of_the_catalog_resolves()
    {
        var options = new FormLoadOptions
        {
            Documents = [new ReferenceDocument(new Uri("https://procedureforms.dev/common/address.json"),
                """{"$defs":{"postal":{"title":"郵便番号","type":"string","format":"jp-postal-code"}}}""")],
        };
        var form = ProcedureForm.FromText("""{"properties":{"zip":{"$ref":"https://procedureforms.dev/common/address.json#/$defs/postal"}}}""", options);
        var error = Assert.Single(form.Validate(Forms.Json("""{"zip":"12-34"}""")).Errors);
        Assert.Equal(("/zip", "郵便番号"), (error.Pointer, error.Label));
    }

    [Fact]
    public void Unsupported_schema_dialect_is_refused()
    {
        var error = Assert.Single(LoadFails("""{"$schema":"http://json-schema.org/draft-07/schema#"}""").Errors);
        Assert.Equal("/$schema", error.Pointer);
    }

    [Fact]
    public void The_same_id_can_be_loaded_many_times_each_build_has_its_own_registry()
    {
        const string json = """{"$id":"https://procedureforms.dev/forms/x","$defs":{"a":{"type":"string"}},"properties":{"a":{"$ref":"#/$defs/a"}}}""";
        for (var i = 0; i < 3; i++)
            Assert.False(ProcedureForm.FromText(json).Validate(Forms.Json("""{"a":1}""")).IsValid);
        Assert.Null(Json.Schema.SchemaRegistry.Global.Get(new Uri("https://procedureforms.dev/forms/x")));
    }

    [Fact]
    public void Embedded_schema_of_another_draft_is_refused_so_stock_unbounded_keywords_never_run()
    {
        var error = Assert.Single(LoadFails("""{"properties":{"a":{"$schema":"https://json-schema.org/draft/2019-09/schema","$id":"https://x.test/a","pattern":"^(a+)+$"}}}""").Errors);
        Assert.Equal("/properties/a/$schema", error.Pointer);
    }

    [Fact]
    public void A_ref_that_only_JsonSchema_Nets_global_registry_could_answer_is_refused()
    {
        var outside = new Uri($"https://elsewhere.test/{Guid.NewGuid():N}.json");
        Json.Schema.SchemaRegistry.Global.Register(Json.Schema.JsonSchema.FromText("""{"type":"string"}""", baseUri: outside));
        var error = Assert.Single(LoadFails("""{"properties":{"a":{"$ref":"REF"}}}""".Replace("REF", outside.ToString())).Errors);
        Assert.Contains("not part of this definition or the catalog", error.Message);
    }

    [Fact]
    public void Shared_documents_get_the_same_checks_as_forms()
    {
        var options = new FormLoadOptions
        {
            Documents = [new ReferenceDocument(new Uri("https://procedureforms.dev/common/bad.json"), """{"$defs":{"x":{"format":"jp-nope"}}}""")],
        };
        var e = Assert.Throws<FormDefinitionException>(() => ProcedureForm.FromText("""{"properties":{"x":{"$ref":"https://procedureforms.dev/common/bad.json#/$defs/x"}}}""", options));
        var error = Assert.Single(e.Errors);
        Assert.Equal(("https://procedureforms.dev/common/bad.json", "/$defs/x/format"), (error.Source, error.Pointer));
    }

    [Fact]
    public void Every_reference_of_the_sample_is_resolved_at_load_so_evaluation_never_writes_shared_state()
    {
        var form = ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "schemas", "forms", "jido-teate-nintei.json"));
        Assert.False(form.NeedsSerializedEvaluation);
    }

    [Fact]
    public void A_lone_surrogate_in_a_submission_is_a_format_error_without_content()
    {
        var form = ProcedureForm.FromText("""{"properties":{"name":{"type":"string","pattern":"^a"}}}""");
        var e = Assert.Throws<SubmissionFormatException>(() => form.Validate("""{"name":"\ud800x"}"""));
        Assert.Contains("not valid Unicode", e.Message);
    }

    [Fact]
    public void Plain_2020_12_schema_without_vocabulary_loads_and_validates()
    {
        var form = ProcedureForm.FromText("""{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"届出","type":"object","required":["name"],"properties":{"name":{"title":"氏名","type":"string"}}}""");
        Assert.False(form.UsesVocabulary);
        Assert.Null(form.Id);
        Assert.Equal("届出", form.Title);
        Assert.Equal("「氏名」を入力してください。", Assert.Single(form.Validate(Forms.Json("{}")).Errors).Message);
    }

    [Fact]
    public void Metadata_is_read_from_the_vocabulary()
    {
        var form = ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "schemas", "forms", "jido-teate-nintei.json"));
        Assert.True(form.UsesVocabulary);
        Assert.Equal(("jido-teate-nintei", "2024.10", new DateOnly(2024, 10, 1)), (form.Id, form.Version, form.EffectiveFrom));
        Assert.True(form.IsEffectiveOn(new DateOnly(2026, 11, 26)));
        Assert.False(form.IsEffectiveOn(new DateOnly(2024, 9, 30)));
    }

    [Fact]
    public void FromStream_and_FromText_agree()
    {
        const string json = """{"type":"object","properties":{"a":{"maxLength":1}}}""";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var fromStream = ProcedureForm.FromStream(stream);
        Assert.Equal(ProcedureForm.FromText(json).Validate("""{"a":"xy"}""").Errors, fromStream.Validate("""{"a":"xy"}""").Errors);
    }

    [Fact]
    public void Missing_file_is_a_load_error_not_an_IOException()
    {
        var e = Assert.Throws<FormDefinitionException>(() => ProcedureForm.FromFile("/nonexistent/form.json"));
        Assert.Contains("Cannot read", Assert.Single(e.Errors).Message);
    }

    [Fact]
    public void A_submission_that_is_not_json_says_where_but_never_what()
    {
        var form = ProcedureForm.FromText("{}");
        var e = Assert.Throws<SubmissionFormatException>(() => form.Validate("""{"myNumber": 123456789018x}"""));
        Assert.DoesNotContain("123456789018", e.ToString());
        Assert.Equal(1, e.Line);
    }
}
