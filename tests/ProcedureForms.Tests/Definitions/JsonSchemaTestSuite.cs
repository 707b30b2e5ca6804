using System.Text.Json;
using ProcedureForms.Definitions;

namespace ProcedureForms.Tests.Definitions;

/// <summary>Reads the official JSON Schema Test Suite (draft2020-12) copied into JsonSchemaTestSuite/ with its licence.</summary>
public static class JsonSchemaTestSuite
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "JsonSchemaTestSuite");

    public static string TestsFolder { get; } = Path.Combine(Root, "tests", "draft2020-12");

    /// <summary>The suite's remotes, served at http://localhost:1234/ in the suite's own runners; here handed to the loader.</summary>
    public static IReadOnlyList<ReferenceDocument> Remotes { get; } = LoadRemotes();

    public sealed record Case(string Description, JsonElement Data, bool Valid);

    public sealed record Group(string File, int Index, string Description, string SchemaText, IReadOnlyList<Case> Tests);

    /// <summary>The required files (top level of draft2020-12).</summary>
    public static IEnumerable<string> RequiredFiles() =>
        Directory.GetFiles(TestsFolder, "*.json").OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>optional/format/*.json.</summary>
    public static IEnumerable<string> FormatFiles() =>
        Directory.GetFiles(Path.Combine(TestsFolder, "optional", "format"), "*.json").OrderBy(f => f, StringComparer.Ordinal);

    public static IEnumerable<Group> Groups(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var relative = Path.GetRelativePath(TestsFolder, file).Replace('\\', '/');
        var index = 0;
        foreach (var group in document.RootElement.EnumerateArray())
        {
            var tests = group.GetProperty("tests").EnumerateArray()
                .Select(t => new Case(t.GetProperty("description").GetString()!, t.GetProperty("data").Clone(), t.GetProperty("valid").GetBoolean()))
                .ToList();
            yield return new Group(relative, index++, group.GetProperty("description").GetString()!, group.GetProperty("schema").GetRawText(), tests);
        }
    }

    private static List<ReferenceDocument> LoadRemotes()
    {
        var folder = Path.Combine(Root, "remotes");
        return Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(f => new ReferenceDocument(
                new Uri("http://localhost:1234/" + Path.GetRelativePath(folder, f).Replace('\\', '/')),
                File.ReadAllText(f)))
            .ToList();
    }
}
