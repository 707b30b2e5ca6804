using System.Text.Json;
using ProcedureForms.Definitions;

namespace ProcedureForms.Tests;

/// <summary>Builds small forms and submissions for tests.</summary>
internal static class Forms
{
    public const string Dialect = "https://procedureforms.dev/schema/2026-11/form";

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The catalog's 児童手当 認定請求書, the form most tests use.</summary>
    public static string ChildAllowancePath { get; } = Path.Combine(RepoRoot, "schemas", "forms", "jido-teate-nintei.json");

    /// <summary>The catalog's form definitions and, for each, its sample submissions folder; plus the plain samples.</summary>
    public static IEnumerable<(string Name, string FormPath, string SubmissionsFolder)> SampleForms()
    {
        foreach (var form in Directory.GetFiles(Path.Combine(RepoRoot, "schemas", "forms"), "*.json").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(form);
            yield return (id, form, Path.Combine(RepoRoot, "samples", id, "submissions"));
        }
        foreach (var form in Directory.GetFiles(Path.Combine(RepoRoot, "samples"), "form.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            yield return (Path.GetFileName(Path.GetDirectoryName(form))!, form, Path.Combine(Path.GetDirectoryName(form)!, "submissions"));
    }

    public static ProcedureForm Inline(string json, FormLoadOptions? options = null) => ProcedureForm.FromText(json, options);

    /// <summary>Validation as the CLI and the host run it: with the print check in the embedded font.</summary>
    public static ProcedureForms.Validation.ValidationOptions Printing { get; } = new()
    {
        PrintCheck = new ProcedureForms.Validation.PrintCheck(ProcedureForms.Rendering.Fonts.FontRegistry.Default.Get(ProcedureForms.Rendering.Fonts.FontRegistry.IpaexMincho)),
    };

    /// <summary>A form with one property "f" whose schema is <paramref name="fieldSchema"/>.</summary>
    public static ProcedureForm WithField(string fieldSchema) => Inline(
        $$$"""{"$schema":"{{{Dialect}}}","title":"テスト","type":"object","properties":{"f":{{{fieldSchema}}}}}""");

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProcedureForms.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ProcedureForms.sln not found above the test output folder.");
    }
}
