using ProcedureForms.Definitions;

namespace ProcedureForms.Tests.Definitions;

/// <summary>The catalog that ships inside the library.</summary>
public sealed class BuiltInCatalogTests
{
    [Fact]
    public void The_built_in_catalog_holds_exactly_the_repository_catalog()
    {
        var files = Directory.GetFiles(Path.Combine(Forms.RepoRoot, "schemas", "forms"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(files, FormCatalog.BuiltIn.Ids.Order(StringComparer.Ordinal));
        Assert.Same(FormCatalog.BuiltIn, FormCatalog.BuiltIn); // built once
    }

    [Fact]
    public void A_built_in_form_validates_and_renders_like_the_file()
    {
        var form = FormCatalog.BuiltIn.FindEffective("jido-teate-nintei", new DateOnly(2026, 11, 26))!;
        var submission = File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json"));
        Assert.True(form.Validate(submission).IsValid);
        var fromFile = ProcedureForms.Rendering.FormRenderer.Render(ProcedureForm.FromFile(Forms.ChildAllowancePath), Forms.Json(submission));
        Assert.Equal(fromFile, ProcedureForms.Rendering.FormRenderer.Render(form, Forms.Json(submission)));
    }

    [Fact]
    public void The_text_of_a_built_in_form_is_there_to_copy_and_the_meta_schema_too()
    {
        Assert.Equal(File.ReadAllText(Forms.ChildAllowancePath), FormCatalog.BuiltInText("jido-teate-nintei.json"));
        Assert.Null(FormCatalog.BuiltInText("no-such-form.json"));
        Assert.Equal(File.ReadAllText(Path.Combine(Forms.RepoRoot, "schemas", "form.schema.json")), FormDialect.MetaSchemaText);
    }
}
