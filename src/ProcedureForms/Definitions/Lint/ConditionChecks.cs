using System.Text.Json;
using ProcedureForms.Definitions.Model;

namespace ProcedureForms.Definitions.Lint;

/// <summary>
/// Requirements and conditions against the fields that exist: a name in <c>required</c> (also under <c>then</c>,
/// <c>else</c> and <c>dependentRequired</c>) that no reachable <c>properties</c> declares makes every such submission
/// fail; an always-required field declared only in a branch prints as conditional; an <c>if</c> that compares a field
/// with values its enum does not have can never hold.
/// </summary>
internal static class ConditionChecks
{
    public static void Run(LintContext context)
    {
        foreach (var node in context.Model.Nodes.Where(n => n.Kind == FieldKind.Group))
        {
            foreach (var requirement in node.Requirements)
            {
                var child = node.Child(requirement.Name);
                if (child is null)
                {
                    if (node.Additional is not null) continue; // a map: any name may be required
                    var near = node.Children.Select(c => (c.Name, Distance: KeywordChecks.Distance(c.Name, requirement.Name))).Where(x => x.Distance <= 2).OrderBy(x => x.Distance).Select(x => x.Name).FirstOrDefault();
                    context.Error(requirement.Pointer, "required-undeclared",
                        $"\"{requirement.Name}\" を必須にしていますが、どの properties にもない項目です。このままではどの申請も通りません" +
                        (near is null ? "。" : $"（\"{near}\" の誤りではありませんか）。"));
                }
                else if (requirement.Always && child.Parts[0].Role != PartRole.Own)
                {
                    context.Error(requirement.Pointer, "required-hidden-by-condition",
                        $"\"{requirement.Name}\" は常に必須ですが、条件の分岐（then / else）の中でだけ宣言されているため、様式には条件付きの項目として印刷されます。properties に宣言してください。");
                }
            }
            foreach (var condition in node.Conditions)
                foreach (var test in condition.Tests)
                    Test(context, node, test);
        }
    }

    private static void Test(LintContext context, FormNode node, ConditionTest test)
    {
        var field = node.Child(test.Property);
        if (field is null)
        {
            context.Error(test.Pointer, "condition-on-missing-field", $"条件が \"{test.Property}\" を調べていますが、そのような項目はありません。");
            return;
        }
        IReadOnlyList<JsonElement>? possible = field.Kind switch
        {
            FieldKind.Choice => [.. field.Options.Select(o => o.Value)],
            FieldKind.Boolean => [True, False],
            _ => null,
        };
        if (possible is null) return;
        var impossible = test.Values.Where(v => !possible.Any(p => JsonElement.DeepEquals(p, v))).ToList();
        if (impossible.Count == test.Values.Count)
            context.Error(test.Pointer, "condition-never-matches",
                $"条件の値 {string.Join(", ", test.Values.Select(LintContext.Show))} は「{field.Label}」がとりうる値（{string.Join(", ", possible.Select(LintContext.Show))}）にないため、この条件は成り立ちません。");
        else if (impossible.Count > 0)
            context.Warning(test.Pointer, "condition-value-unknown",
                $"条件の値 {string.Join(", ", impossible.Select(LintContext.Show))} は「{field.Label}」がとりうる値にありません。");
    }

    private static readonly JsonElement True = JsonDocument.Parse("true").RootElement.Clone();
    private static readonly JsonElement False = JsonDocument.Parse("false").RootElement.Clone();
}
