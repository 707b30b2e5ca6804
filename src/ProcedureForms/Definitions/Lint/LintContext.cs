using System.Text.Json;
using ProcedureForms.Definitions.Model;

namespace ProcedureForms.Definitions.Lint;

/// <summary>What the checks share: the form, its model, the node of every definition pointer, and the findings.</summary>
internal sealed class LintContext
{
    public LintContext(ProcedureForm form)
    {
        Form = form;
        foreach (var node in form.Model.Nodes)
            foreach (var part in node.Parts)
                NodesByPointer.TryAdd(part.Pointer, node);
    }

    public ProcedureForm Form { get; }

    public FormModel Model => Form.Model;

    public Dictionary<string, FormNode> NodesByPointer { get; } = new(StringComparer.Ordinal);

    public List<LintFinding> Findings { get; } = [];

    public void Error(string pointer, string code, string message) => Findings.Add(new(LintSeverity.Error, pointer, code, message));

    public void Info(string pointer, string code, string message) => Findings.Add(new(LintSeverity.Info, pointer, code, message));

    public void Warning(string pointer, string code, string message) => Findings.Add(new(LintSeverity.Warning, pointer, code, message));

    /// <summary>The field a subschema belongs to, when it declares or refines one.</summary>
    public FormNode? NodeAt(string pointer) => NodesByPointer.GetValueOrDefault(pointer);

    internal static string Key(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    internal static string Show(JsonElement value) => value.ValueKind == JsonValueKind.String ? $"\"{value.GetString()}\"" : value.GetRawText();
}
