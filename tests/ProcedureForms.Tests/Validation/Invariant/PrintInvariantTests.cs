using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using ProcedureForms.Definitions;
using ProcedureForms.Definitions.Model;
using FieldKind = ProcedureForms.Definitions.FormFieldKind;
using ProcedureForms.Japanese;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Validation;
using Xunit.Abstractions;

namespace ProcedureForms.Tests.Validation.Invariant;

/// <summary>
/// The invariant of issue 16: a form that lints clean prints every submission it accepts. For every catalog form and
/// three plain 2020-12 forms (fixtures beside this file, no vocabulary at all), submissions at the edges of what the
/// schema admits are generated from the form's valid sample: strings at their maxLength in the widest characters, the
/// first and last day of every era each date admits, the most rows, every choice, the bounds of numbers. Each one that
/// validates must have no print problem, and must render.
/// </summary>
public sealed class PrintInvariantTests(ITestOutputHelper output)
{
    private static readonly string Fixtures = Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Validation", "Invariant");


    private static readonly RenderOptions Render = new() { Municipality = "板橋区" };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, formPath, folder) in Forms.SampleForms().Where(f => f.FormPath.Contains(Path.Combine("schemas", "forms"), StringComparison.Ordinal)))
            data.Add(formPath, Path.Combine(folder, "valid.json"));
        foreach (var form in Directory.GetFiles(Fixtures, "plain-*.json").Where(f => !f.EndsWith(".valid.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            data.Add(form, Path.ChangeExtension(form, ".valid.json"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_edge_submission_that_validates_prints(string formPath, string validPath)
    {
        var form = ProcedureForm.FromFile(formPath);
        Assert.False(FormLinter.HasErrors(FormLinter.Lint(form)), "the form lints clean");
        var baseline = JsonNode.Parse(File.ReadAllText(validPath))!;
        Assert.True(form.Validate(baseline.ToJsonString(), Forms.Printing).IsPrintable, "the sample is valid and printable");
        var (generated, accepted) = (0, 0);
        var disagreements = new List<string>();
        var refusals = new Dictionary<string, int>();
        // PROCFORMS_EDGE_SEED=n replays the one generated submission a failure names.
        var replay = Environment.GetEnvironmentVariable("PROCFORMS_EDGE_SEED") is { } fixedSeed ? Gen.Const(int.Parse(fixedSeed, CultureInfo.InvariantCulture)) : Gen.Int[0, int.MaxValue];
        replay.Sample(seed =>
        {
            var submission = new EdgeGenerator(new Random(seed)).Submission(form.Model.Root, baseline).ToJsonString();
            generated++;
            var report = form.Validate(submission, Forms.Printing);
            if (!report.IsValid)
            {
                foreach (var e in report.Errors) refusals[$"{System.Text.RegularExpressions.Regex.Replace(e.Pointer, "/[0-9]+", "/-")} {e.Keyword}"] = refusals.GetValueOrDefault($"{System.Text.RegularExpressions.Regex.Replace(e.Pointer, "/[0-9]+", "/-")} {e.Keyword}") + 1;
                return;
            }
            accepted++;
            if (!report.IsPrintable)
            {
                if (Environment.GetEnvironmentVariable("PROCFORMS_EDGE_SEED") is not null) output.WriteLine(submission);
                disagreements.Add($"seed {seed}: {string.Join(" ", report.PrintProblems.Select(p => p.Pointer + " " + p.Message))}");
                return;
            }
            using var document = JsonDocument.Parse(submission);
            try
            {
                Assert.NotEmpty(FormRenderer.Render(form, document.RootElement, Render));
            }
            catch (Exception e) when (e is PrintCheckException or SubmissionInvalidException)
            {
                disagreements.Add($"seed {seed}: validated and printable, but the renderer refused: {e.Message}");
            }
        }, iter: 200, threads: 1);
        output.WriteLine($"{Path.GetFileName(formPath)}: {generated} generated, {accepted} accepted by validation, {disagreements.Count} disagreements");
        foreach (var disagreement in disagreements.Take(5)) output.WriteLine(disagreement);
        output.WriteLine("refused by validation: " + string.Join(", ", refusals.OrderByDescending(r => r.Value).Take(8).Select(r => $"{r.Key} ×{r.Value}")));
        Assert.Empty(disagreements);
        if (Environment.GetEnvironmentVariable("PROCFORMS_EDGE_SEED") is null)
            Assert.True(accepted >= generated / 20, $"the generator should mostly stay valid: {accepted} of {generated}");
    }

    /// <summary>Submissions at the edges of the schema, from a valid sample: each field kept, or pushed to an edge.</summary>
    private sealed class EdgeGenerator(Random random)
    {
        private const string Wide = "國鬱髙﨑Ｗ＿ー漢字";
        private const string WideKana = "ヴヲヶーァンポ";

        private bool Chance(double p) => random.NextDouble() < p;

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        public JsonNode Submission(FormNode root, JsonNode baseline) => Value(root, baseline.DeepClone(), 0)!;

        private JsonNode? Value(FormNode node, JsonNode? current, int depth)
        {
            if (depth > 12 || node.Recursive) return current;
            switch (node.Kind)
            {
                case FieldKind.Group when current is JsonObject obj:
                    foreach (var child in node.Children)
                    {
                        var had = obj[child.Name];
                        // Fields the sample leaves out are filled now and then: conditional blocks and optional fields too.
                        if (had is null && !Chance(0.25)) continue;
                        var value = Value(child, had?.DeepClone(), depth + 1) ?? Edge(child);
                        if (value is not null) obj[child.Name] = value;
                    }
                    return obj;
                case FieldKind.Table when node.Item is { } item:
                    var rows = current as JsonArray ?? [];
                    var template = rows.Count > 0 ? rows[0] : null;
                    var max = node.Keyword("maxItems") is { } m && m.TryGetInt32(out var n) ? Math.Min(n, 12) : node.Rows + 2;
                    var count = Math.Min(max, Pick([Math.Max(1, rows.Count), node.Rows, node.Rows + 1, max]));
                    var result = new JsonArray();
                    for (var i = 0; i < count; i++)
                    {
                        var row = (i < rows.Count ? rows[i] : template)?.DeepClone() ?? (item.Kind == FieldKind.Group ? new JsonObject() : null);
                        result.Add(Value(item, row, depth + 1) ?? Edge(item));
                    }
                    return result;
                case FieldKind.Group when current is null:
                    // A block the sample leaves out: its required fields at their edges.
                    var block = new JsonObject();
                    foreach (var child in node.Children.Where(c => node.Requirements.Any(r => r.Always && r.Name == c.Name)))
                        if ((Value(child, null, depth + 1) ?? Edge(child)) is { } v) block[child.Name] = v;
                    return block;
                default:
                    return current is not null && !Chance(0.6) ? current : Edge(node) ?? current;
            }
        }

        /// <summary>An edge value for a leaf, or null when the generator has none (the sample's value stays).</summary>
        private JsonNode? Edge(FormNode node)
        {
            switch (node.Kind)
            {
                case FieldKind.Choice:
                    return JsonNode.Parse(Pick(node.Options).Value.GetRawText());
                case FieldKind.MultiChoice:
                    return new JsonArray([.. node.Options.Where(_ => Chance(0.7)).Select(o => JsonNode.Parse(o.Value.GetRawText()))]);
                case FieldKind.Boolean:
                    return node.Keyword("const") is { } constant ? JsonNode.Parse(constant.GetRawText()) : Chance(0.5);
                case FieldKind.Date when node.Dates is { } dates:
                    // A date compared with another stays near the sample's now and then, so the rest of the row stays valid.
                    if (HasRelativeRule(node) && !Chance(0.1)) return null;
                    var era = Pick(dates.Eras);
                    var (first, last) = dates.Span(era);
                    if (first > last) return null;
                    var day = Pick([first, last, first.AddDays(random.Next(Math.Max(1, last.DayNumber - first.DayNumber)))]);
                    return node.Format == "jp-era-date" ? JapaneseDate.Format(day) : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                case FieldKind.Text:
                    if (WidestSubmission.Number(node) is { } widest)
                    {
                        var low = node.Keyword("minimum") is { } lo && lo.TryGetDecimal(out var l) ? l : 0;
                        var high = node.Keyword("maximum") is { } hi && hi.TryGetDecimal(out var h) ? h : low;
                        _ = widest;
                        return JsonValue.Create(Pick([low, high, Math.Round((low + high) / 2)]));
                    }
                    return Text(node);
                default:
                    return null;
            }
        }

        private static bool HasRelativeRule(FormNode node) =>
            node.Keyword("dateNotAfter") is not null || node.Keyword("dateNotBefore") is not null || node.Keyword("ageOn") is not null;

        private JsonNode? Text(FormNode node)
        {
            if (node.Keyword("maxLength") is not { } max || !max.TryGetInt32(out var length) || node.String("pattern") is not null) return null;
            var n = Chance(0.7) ? length : random.Next(1, length + 1);
            switch (node.Format)
            {
                case null:
                    return new string([.. Enumerable.Range(0, n).Select(_ => Wide[random.Next(Wide.Length)])]);
                case "jp-katakana" when n >= 3:
                    var kana = Enumerable.Range(0, n).Select(_ => WideKana[random.Next(1, WideKana.Length)]).ToArray();
                    kana[0] = 'ヴ';
                    kana[n / 2] = Chance(0.5) ? ' ' : '\u3000';
                    return new string(kana);
                case "email" when n >= 12:
                    return new string('m', n - 11) + "@example.jp";
                default:
                    return null; // formats with their own shape keep the sample's value
            }
        }
    }
}
