using System.Globalization;
using System.Text.Json;
using Json.Schema;
using ProcedureForms.Definitions;
using ProcedureForms.Definitions.Keywords;
using ProcedureForms.Definitions.Model;
using ProcedureForms.Japanese;
using ProcedureForms.Validation.Formats;
using ProcedureForms.Validation.Messages;

namespace ProcedureForms.Validation;

/// <summary>
/// Runs JsonSchema.Net and turns its output into <see cref="ValidationError"/>s: one per problem a resident can fix,
/// at the field's own pointer, worded in our message layer.
/// </summary>
internal sealed class SubmissionValidator(ProcedureForm form)
{
    private static readonly EvaluationOptions FlagAsserting = Options(OutputFormat.Flag, true);
    private static readonly EvaluationOptions FlagAnnotating = Options(OutputFormat.Flag, false);
    private static readonly EvaluationOptions DetailAsserting = Options(OutputFormat.Hierarchical, true);
    private static readonly EvaluationOptions DetailAnnotating = Options(OutputFormat.Hierarchical, false);

    private static EvaluationOptions Options(OutputFormat output, bool assertFormats) => new()
    {
        OutputFormat = output,
        RequireFormatValidation = assertFormats,
        FormatRegistry = FormFormats.Registry,
    };

    private readonly record struct RawError(EvaluationResults Node, string Keyword, string? Detail);

    public ValidationReport Validate(JsonElement submission, ValidationOptions options)
    {
        var assert = form.LoadOptions.AssertFormats;
        var errors = new List<ValidationError>();
        // One walk before anything is evaluated: names and strings are read as text by every step below, so one that is
        // not text is unreadable, not invalid; and beyond a limit the answer is the limit, nothing is evaluated, so the
        // cost is one pass however large the input.
        var limits = options.Limits;
        var scan = SubmissionScan.Run(submission, limits);
        if (scan.Unreadable) throw SubmissionReader.UnpairedSurrogate();
        if (scan.Exceeded.Count > 0)
            return new ValidationReport(Anonymize([.. scan.Exceeded.Select(x => Make(x.Pointer, x.Keyword, options.Language, null, new()
            {
                ["actual"] = x.Actual.ToString(CultureInfo.InvariantCulture),
                ["limit"] = x.Limit.ToString(CultureInfo.InvariantCulture),
            }))], options.Language, submission));
        // A submission parsed elsewhere may name a property twice; which occurrence counts would then depend on who reads it.
        if (scan.Duplicate is { } duplicated)
            errors.Add(Duplicate(form, duplicated, options.Language));
        // Printed written out in full, as validated: a number whose full form would not fit any cell is refused here.
        if (scan.LongNumber is { } longNumber)
            errors.Add(LongNumber(form, longNumber, options.Language));
        if (scan.HugeNumber is { } hugeNumber)
            errors.Add(HugeNumber(form, hugeNumber, options.Language));
        // JsonSchema.Net throws on a number beyond decimal's range where it compares values: such a submission is
        // answered by these errors alone.
        var evaluable = !scan.BeyondDecimal;
        // The flag run is cheap and answers the common case (a valid submission); details only when needed.
        using var regexBudget = BoundedRegex.StartBudget(limits.MaxRegexTime);
        if (evaluable && !Evaluate(submission, assert ? FlagAsserting : FlagAnnotating).IsValid)
        {
            var results = Evaluate(submission, assert ? DetailAsserting : DetailAnnotating);
            var raw = new List<RawError>();
            Collect(results, raw, submission);
            var seen = new HashSet<(string, string, string)>();
            foreach (var r in raw)
                foreach (var error in Convert(r, submission, options.Language))
                    if (seen.Add((error.Pointer, error.Keyword, error.Message))) errors.Add(error);
            if (errors.Count == 0) // JsonSchema.Net said invalid but named nothing we could place: never report "valid"
                errors.Add(Make("", "fallback", options.Language, null, new()));
        }
        // A match that timed out or was skipped may have been negated (not, if): never report such a validation valid.
        if (regexBudget.Incomplete && errors.Count == 0)
            errors.Add(Make("", "limit:maxRegexTime", options.Language, null, new() { ["limit"] = BoundedRegex.BudgetSeconds }));
        // A date its date line cannot write (an era the form does not print) is the resident's to correct, as on paper. A
        // plain 2020-12 schema is held to its date lines only when it is to be printed: JSON Schema alone admits year 0001.
        if (evaluable && (form.UsesVocabulary || options.PrintCheck is not null))
            foreach (var (pointer, range) in DateEraCheck.Find(form.Model, submission))
                if (!errors.Any(e => e.Pointer == pointer))
                    errors.Add(EraError(pointer, range, options.Language));
        var printProblems = new List<ValidationError>();
        if (options.PrintCheck is { } printCheck)
        {
            CheckPrintable(submission, "", printCheck, options.Language, errors, printProblems);
            // With the printing font known, what the print check refuses includes values the sheet cannot hold (too
            // long for the cell, too many for the boxes): validated and printable are both answered before printing.
            if (printCheck.Coverage is Rendering.Fonts.FormFont font && !options.SkipLayoutCheck)
            {
                var withErrors = errors.Select(e => e.Pointer).ToHashSet(StringComparer.Ordinal);
                var withProblems = printProblems.Select(e => e.Pointer).ToHashSet(StringComparer.Ordinal);
                foreach (var problem in new Rendering.Layout.FormLayoutEngine(Rendering.FormSheet.For(form, font, Rendering.Layout.LayoutOptions.Default).Measurer(font)).Layout(form, submission).Problems)
                {
                    // The field's own error says enough: the resident corrects it first.
                    if (withErrors.Contains(problem.Pointer)) continue;
                    // A field the schema does not bound, or a value with line feeds of its own: too long for its box is the
                    // resident's to shorten, as on paper (even when the font also lacks one of its characters).
                    if (ResidentsToShorten(form, problem.Pointer, submission))
                        errors.Add(TooLongForItsBox(form, problem, options.Language));
                    else if (withProblems.Add(problem.Pointer))
                        printProblems.Add(PrintProblem(form, problem, options.Language));
                }
            }
        }
        if (errors.Count == 0 && printProblems.Count == 0) return ValidationReport.Valid;
        var sortedProblems = Anonymize(printProblems, options.Language, submission).OrderBy(e => form.Labels.Order(e.Pointer), OrderComparer.Instance).Take(limits.MaxErrors).ToList();
        var ordered = Anonymize(errors, options.Language, submission).OrderBy(e => form.Labels.Order(e.Pointer), OrderComparer.Instance).ToList();
        if (ordered.Count > limits.MaxErrors)
        {
            var more = ordered.Count - limits.MaxErrors;
            ordered = [.. ordered.Take(limits.MaxErrors), Make("", "limit:maxErrors", options.Language, null, new()
            {
                ["actual"] = more.ToString(CultureInfo.InvariantCulture),
                ["limit"] = limits.MaxErrors.ToString(CultureInfo.InvariantCulture),
            })];
        }
        return new ValidationReport(ordered, sortedProblems);
    }

    /// <summary>
    /// Whether a value that does not fit its cell is the resident's to shorten: its field has no bound the sheet was sized
    /// for (no <c>maxLength</c>), or the value breaks its own lines (line feeds), which no cell is sized for.
    /// </summary>
    internal static bool ResidentsToShorten(ProcedureForm form, string pointer, JsonElement? submission) =>
        (form.Model.Find(pointer) is { } node && WidestSubmission.Unbounded(node)) ||
        (submission is { } s && JsonPointers.Evaluate(s, pointer) is { ValueKind: JsonValueKind.String } value && value.GetString()!.Contains('\n', StringComparison.Ordinal));

    /// <summary>A value of a field without <c>maxLength</c> that is longer than its box on the sheet: the resident shortens it.</summary>
    internal static ValidationError TooLongForItsBox(ProcedureForm form, Rendering.Layout.LayoutProblem problem, MessageLanguage language)
    {
        var label = form.Labels.For(problem.Pointer, language);
        return new ValidationError(problem.Pointer, "fit", label, language == MessageLanguage.English
            ? $"\"{label}\"{problem.ReasonEn} Shorten it: it is longer than its box on the paper form."
            : $"「{label}」{problem.Reason}短くしてください（用紙の欄に書ける長さを超えています）。");
    }

    /// <summary>
    /// A value the form cannot print, worded for staff and the form's designer: the resident entered it rightly, so the
    /// remedy is the form's (a wider cell, a font with the character), never a correction asked of the resident.
    /// </summary>
    internal static ValidationError PrintProblem(ProcedureForm form, Rendering.Layout.LayoutProblem problem, MessageLanguage language)
    {
        var label = form.Labels.For(problem.Pointer, language);
        return new ValidationError(problem.Pointer, "print", label, language == MessageLanguage.English
            ? $"The form cannot print \"{label}\"{problem.ReasonEn} This is the form's problem, not the resident's: widen the cell (lines, rowHeight, width) or review maxLength."
            : $"様式の問題で「{label}」を印刷できません：「{label}」{problem.Reason}申請者の入力の誤りではありません。欄を広げる（lines・rowHeight・width）か maxLength を見直してください。");
    }

    /// <summary>
    /// Property names the form does not declare came from the submission (a key can be a 個人番号, a name, or a line of
    /// terminal escapes): errors under them are reported at the nearest declared place instead, and the "not on this
    /// form" errors of one object become one, with a count: 「妊婦」にこの申請書にない項目があります（3件）.
    /// </summary>
    private List<ValidationError> Anonymize(List<ValidationError> errors, MessageLanguage language, JsonElement submission)
    {
        var result = new List<ValidationError>();
        var undeclared = new Dictionary<(string Pointer, string Keyword), int>();
        foreach (var error in errors)
        {
            var (declared, cut) = DeclaredPrefix(error.Pointer, submission);
            if (!cut)
            {
                result.Add(error);
                continue;
            }
            var isUndeclaredKey = error.Keyword is "additionalProperties" or "unevaluatedProperties" or "false" &&
                                  JsonPointers.Split(error.Pointer).Length == JsonPointers.Split(declared).Length + 1;
            if (isUndeclaredKey)
            {
                undeclared[(declared, error.Keyword)] = undeclared.GetValueOrDefault((declared, error.Keyword)) + 1;
                continue;
            }
            // Named by the declared place: the old label may carry a submitted key read as a row number (「児童（12345679）」).
            var label = form.Labels.For(declared, language);
            result.Add(error with { Pointer = declared, Label = label, Message = error.Message.Replace(error.Label, label, StringComparison.Ordinal) });
        }
        foreach (var ((pointer, keyword), count) in undeclared)
        {
            var label = form.Labels.For(pointer, language);
            result.Add(new ValidationError(pointer, keyword, label, language == MessageLanguage.English
                ? $"{label} has {count} field(s) this form does not have."
                : $"「{label}」にこの申請書にない項目があります（{count}件）。"));
        }
        return [.. result.Distinct()];
    }

    /// <summary>
    /// The longest prefix of <paramref name="pointer"/> made of names the form declares and indices of arrays the
    /// submission really has there (a digit key of an object is submitted text, not a row number).
    /// </summary>
    private (string Pointer, bool Cut) DeclaredPrefix(string pointer, JsonElement submission)
    {
        if (pointer.Length == 0) return (pointer, false);
        var segments = JsonPointers.Split(pointer);
        var node = (Definitions.Model.FormNode?)form.Model.Root;
        JsonElement? instance = submission;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (node is not null && instance is { ValueKind: JsonValueKind.Array } array && Definitions.Model.FormModel.IsIndex(node, segment) &&
                int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.GetArrayLength())
            {
                node = form.Model.Find(JsonPointers.Join(segments.Take(i + 1)));
                instance = array[index];
            }
            else if (node?.Child(segment) is { } child && instance is null or { ValueKind: JsonValueKind.Object })
            {
                node = child;
                instance = instance is { } o && o.TryGetProperty(segment, out var value) ? value : null;
            }
            else
            {
                return (JsonPointers.Join(segments.Take(i)), true);
            }
        }
        return (pointer, false);
    }

    /// <summary>The error for an object that names a property twice: where, never which name (it came from the submission).</summary>
    internal static ValidationError Duplicate(ProcedureForm form, string pointer, MessageLanguage language)
    {
        var label = form.Labels.For(pointer, language);
        return new ValidationError(pointer, "duplicate", label, language == MessageLanguage.English
            ? $"\"{label}\" names one of its fields twice; each field may appear once."
            : $"「{label}」の中に同じ項目が2回あります。各項目は1回だけ入力してください。");
    }

    /// <summary>The error for a number beyond the range JsonSchema.Net can compare (<c>1e30</c>); the value itself is not repeated.</summary>
    internal static ValidationError HugeNumber(ProcedureForm form, string pointer, MessageLanguage language)
    {
        var label = form.Labels.For(pointer, language);
        return new ValidationError(pointer, "number-range", label, language == MessageLanguage.English
            ? $"\"{label}\" is a number too large; at most {JsonNumbers.DecimalLimitText}."
            : $"「{label}」の数値が大きすぎます（{JsonNumbers.DecimalLimitText}まで）。");
    }

    /// <summary>The error for a number too long to print in full (<c>1e400</c>); the value itself is not repeated.</summary>
    internal static ValidationError LongNumber(ProcedureForm form, string pointer, MessageLanguage language)
    {
        var label = form.Labels.For(pointer, language);
        return new ValidationError(pointer, "number-length", label, language == MessageLanguage.English
            ? $"\"{label}\" is a number too long to print; at most {JsonNumbers.MaxCanonicalLength} characters written out in full."
            : $"「{label}」の数値が長すぎます。省略せずに書いて{JsonNumbers.MaxCanonicalLength}文字以内にしてください。");
    }

    // Unreadable text was refused before evaluation (Validate's first check), so JsonSchema.Net can read every string.
    private EvaluationResults Evaluate(JsonElement submission, EvaluationOptions options)
    {
        if (!form.NeedsSerializedEvaluation) return form.Schema.Evaluate(submission, options);
        // JsonSchema.Net re-resolves references on every evaluation of a schema it could not fully resolve when it
        // was built (some $dynamicRef graphs), writing to shared state: one evaluation at a time for such forms.
        lock (form.EvaluationLock) return form.Schema.Evaluate(submission, options);
    }

    // ---- walking JsonSchema.Net's hierarchical output ----

    private void Collect(EvaluationResults node, List<RawError> into, JsonElement submission)
    {
        if (node.IsValid) return;
        if (node.Errors is not null)
            foreach (var (keyword, detail) in node.Errors)
                into.Add(new RawError(node, keyword, detail));
        if (node.Details is null) return;
        var depth = node.EvaluationPath.SegmentCount;
        foreach (var group in node.Details.GroupBy(d => KeywordOf(d, depth)))
        {
            switch (group.Key)
            {
                case "if" or "contains": // a failed condition or non-matching item is not an error in itself
                    break;
                case "propertyNames":
                    into.Add(new RawError(node, "propertyNames", null));
                    break;
                case "not":
                    if (group.Any(c => c.IsValid)) into.Add(new RawError(node, "not", null));
                    break;
                case "anyOf":
                    if (group.All(c => !c.IsValid)) CollectBestBranch(node, "anyOf", [.. group], into, submission);
                    break;
                case "oneOf":
                    var matched = group.Count(c => c.IsValid);
                    if (matched == 0) CollectBestBranch(node, "oneOf", [.. group], into, submission);
                    else if (matched > 1) into.Add(new RawError(node, "oneOf", null));
                    break;
                default:
                    foreach (var child in group) Collect(child, into, submission);
                    break;
            }
        }
    }

    /// <summary>When no alternative matched, report the one that came closest, unless the designer worded it.</summary>
    private void CollectBestBranch(EvaluationResults node, string keyword, EvaluationResults[] branches, List<RawError> into, JsonElement submission)
    {
        var schema = SchemaOf(node);
        if (schema is { } s && MessageOverride(s, keyword, MessageLanguage.Japanese) is not null)
        {
            into.Add(new RawError(node, keyword, null));
            return;
        }
        List<RawError>? best = null;
        var bestCost = int.MaxValue;
        foreach (var branch in branches)
        {
            var collected = new List<RawError>();
            Collect(branch, collected, submission);
            // Cost in worded errors: one "required" naming three fields is further away than one naming one.
            var cost = collected.Sum(r => Convert(r, submission, MessageLanguage.Japanese).Count());
            if (cost < bestCost)
            {
                best = collected;
                bestCost = cost;
            }
        }
        if (best is null || best.Count == 0 || best.All(r => r.Keyword == "const"))
            into.Add(new RawError(node, keyword == "oneOf" && best is { Count: > 0 } ? "oneOf:const" : keyword, null));
        else
            into.AddRange(best);
    }

    /// <summary>The subschema that produced <paramref name="node"/>; with <paramref name="keyword"/>, one that holds that keyword.</summary>
    private JsonElement? SchemaOf(EvaluationResults node, string? keyword = null)
    {
        // Schema paths, not submitted data: the same few recur in every invalid submission, and walking the definition
        // for each error was a third of the cost of wording them. Bounded, since recursive references make paths grow.
        var key = (node.EvaluationPath.ToString(), node.SchemaLocation.OriginalString, keyword);
        if (_schemas.TryGetValue(key, out var known)) return known;
        var found = FindSchema(node, key.Item1, keyword);
        if (_schemas.Count < MaxCachedSchemas) _schemas.TryAdd(key, found);
        return found;
    }

    private const int MaxCachedSchemas = 4096;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Path, string Location, string? Keyword), JsonElement?> _schemas = new();

    private JsonElement? FindSchema(EvaluationResults node, string evaluationPath, string? keyword)
    {
        var walked = form.Resources.Walk(form.Definition, form.Schema.BaseUri, evaluationPath);
        if (walked is { } w && (keyword is null || Holds(w, keyword))) return w;
        var located = form.Resources.Find(node.SchemaLocation);
        if (located is { } l && (keyword is null || Holds(l, keyword))) return l;
        return keyword is null ? walked ?? located : null;
    }

    private static bool Holds(JsonElement schema, string keyword) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword.Split(':')[0], out _);

    private static string KeywordOf(EvaluationResults child, int depth) =>
        child.EvaluationPath.SegmentCount > depth ? child.EvaluationPath.GetSegment(depth).ToString() : "";

    // ---- from a raw error to worded errors ----

    private IEnumerable<ValidationError> Convert(RawError raw, JsonElement submission, MessageLanguage language)
    {
        var pointer = raw.Node.InstanceLocation.ToString();
        var schema = SchemaOf(raw.Node, raw.Keyword is "" or "not" or "anyOf" or "oneOf" or "propertyNames" ? null : raw.Keyword);
        var instance = JsonPointers.Evaluate(submission, pointer);
        var values = new Dictionary<string, string>();

        switch (raw.Keyword)
        {
            case "required" when schema is { } s && s.TryGetProperty("required", out var required) && instance is { ValueKind: JsonValueKind.Object } obj:
                foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
                    if (!obj.TryGetProperty(name, out _))
                        yield return MakeForMissing(JsonPointers.Append(pointer, name), "required", language, values);
                yield break;

            case "dependentRequired" when schema is { } s && s.TryGetProperty("dependentRequired", out var dependent) && instance is { ValueKind: JsonValueKind.Object } obj:
                foreach (var rule in dependent.EnumerateObject())
                {
                    if (!obj.TryGetProperty(rule.Name, out _)) continue;
                    foreach (var name in rule.Value.EnumerateArray().Select(n => n.GetString()!))
                        if (!obj.TryGetProperty(name, out _))
                            yield return MakeForMissing(JsonPointers.Append(pointer, name), "dependentRequired", language,
                                new() { ["other"] = form.Labels.For(JsonPointers.Append(pointer, rule.Name), language) });
                }
                yield break;

            case "":
                var parentKeyword = raw.Node.EvaluationPath.SegmentCount > 0
                    ? raw.Node.EvaluationPath.GetSegment(raw.Node.EvaluationPath.SegmentCount - 1).ToString()
                    : "";
                var falseKeyword = parentKeyword is "additionalProperties" or "unevaluatedProperties" or "unevaluatedItems" ? parentKeyword : "false";
                var segments = JsonPointers.Split(pointer);
                values["parent"] = form.Labels.For(JsonPointers.Join(segments.Take(Math.Max(0, segments.Length - 1))), language);
                yield return Make(pointer, falseKeyword, language, schema, values);
                yield break;
        }

        var keyword = raw.Keyword;
        var templateKey = keyword;
        if (raw.Detail == ErrorCodes.RegexTimeout) templateKey = "regex-timeout";
        else if (raw.Detail == ErrorCodes.RegexBudget)
        {
            keyword = templateKey = "limit:maxRegexTime";
            values["limit"] = BoundedRegex.BudgetSeconds;
        }
        else if (schema is { } sch)
        {
            templateKey = Describe(keyword, sch, instance, raw, pointer, language, values);
        }
        yield return Make(pointer, keyword == "oneOf:const" ? "oneOf" : keyword, language, schema, values, templateKey);
    }

    /// <summary>Fills in the limit and actual values the message names, and picks the most specific template.</summary>
    private string Describe(string keyword, JsonElement schema, JsonElement? instance, RawError raw, string pointer, MessageLanguage language, Dictionary<string, string> values)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var limit) && limit.ValueKind is JsonValueKind.Number)
            values["limit"] = limit.GetRawText();
        switch (keyword)
        {
            case "maxLength" or "minLength" when instance is { ValueKind: JsonValueKind.String } s:
                values["actual"] = s.GetString()!.EnumerateRunes().Count().ToString(CultureInfo.InvariantCulture);
                return keyword == "minLength" && values.GetValueOrDefault("limit") == "1" ? "minLength:1" : keyword;
            case "maxItems" or "minItems" when instance is { ValueKind: JsonValueKind.Array } a:
                values["actual"] = a.GetArrayLength().ToString(CultureInfo.InvariantCulture);
                if (keyword == "minItems")
                {
                    // Ticking options is choosing, not entering rows; and one entry is singular in English.
                    var one = values.GetValueOrDefault("limit") == "1";
                    if (form.Model.Find(pointer) is { Kind: FieldKind.MultiChoice }) return one ? "minItems:choice:1" : "minItems:choice";
                    if (one) return "minItems:1";
                }
                return keyword;
            case "maxProperties" or "minProperties" when instance is { ValueKind: JsonValueKind.Object } o:
                values["actual"] = o.EnumerateObject().Count().ToString(CultureInfo.InvariantCulture);
                return keyword;
            case "contains":
                var matching = raw.Node.Details?.Count(d => KeywordOf(d, raw.Node.EvaluationPath.SegmentCount) == "contains" && d.IsValid) ?? 0;
                values["actual"] = matching.ToString(CultureInfo.InvariantCulture);
                var min = schema.TryGetProperty("minContains", out var mc) ? mc.GetRawText() : "1";
                if (schema.TryGetProperty("maxContains", out var xc) && xc.TryGetInt32(out var max) && matching > max)
                {
                    values["limit"] = xc.GetRawText();
                    return "contains:max";
                }
                values["limit"] = min;
                return keyword;
            case "type":
                var types = schema.GetProperty("type");
                var names = types.ValueKind == JsonValueKind.Array ? types.EnumerateArray().Select(t => t.GetString()!) : [types.GetString()!];
                values["expected"] = string.Join(language == MessageLanguage.English ? " or " : "または",
                    names.Select(n => MessageCatalog.TypeName(n, language)));
                return keyword;
            case "enum":
                var options = schema.GetProperty("enum").EnumerateArray().ToList();
                values["expected"] = string.Join(language == MessageLanguage.English ? ", " : "、", options.Select(o => ChoiceLabel(schema, o, language, pointer)));
                return options.Count > 8 ? "enum:long" : keyword;
            case "const":
                var constant = schema.GetProperty("const");
                values["expected"] = ChoiceLabel(schema, constant, language, pointer);
                return constant.ValueKind == JsonValueKind.True ? "const:true" : keyword;
            case "oneOf:const":
                values["expected"] = string.Join(language == MessageLanguage.English ? ", " : "、",
                    schema.GetProperty("oneOf").EnumerateArray().Select(b =>
                        language == MessageLanguage.English && b.TryGetProperty("titleEn", out var te) ? te.GetString()!
                        : b.TryGetProperty("title", out var t) ? t.GetString()!
                        : b.TryGetProperty("const", out var c) ? ChoiceLabel(schema, c, language, pointer) : "?"));
                return "enum";
            case "pattern":
                if (schema.TryGetProperty("examples", out var examples) && examples.ValueKind == JsonValueKind.Array &&
                    examples.GetArrayLength() > 0 && examples[0].ValueKind == JsonValueKind.String)
                {
                    values["example"] = examples[0].GetString()!;
                    return "pattern:example";
                }
                return keyword;
            case "format":
                var format = schema.GetProperty("format").GetString()!;
                values["expected"] = MessageCatalog.FormatName(format, language);
                var reason = raw.Detail is { } d && d.StartsWith(ErrorCodes.Prefix, StringComparison.Ordinal) ? d[ErrorCodes.Prefix.Length..] : null;
                if (reason is not null && MessageCatalog.Has($"format:{format}:{reason}")) return $"format:{format}:{reason}";
                return MessageCatalog.Has($"format:{format}") ? $"format:{format}" : "format";
            case "formatMinimum" or "formatMaximum":
                if (DateRanges.Date(schema.GetProperty(keyword)) is { } bound)
                    values["limit"] = language == MessageLanguage.English || JapaneseEra.Of(bound) is null ? bound.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : JapaneseDate.Format(bound);
                return keyword;
            case "dateNotAfter" or "dateNotBefore":
                var comparison = DateComparisonKeyword.Read(schema.GetProperty(keyword), keyword);
                var target = comparison.Reference.Resolve(pointer);
                values["other"] = target is null ? "?" : form.Labels.For(target, language);
                if (comparison.Days == 0) return keyword;
                values["days"] = Math.Abs(comparison.Days).ToString(CultureInfo.InvariantCulture);
                return $"{keyword}:{(comparison.Days > 0 ? "after" : "before")}";
            case "ageOn":
                var rule = (AgeOnKeyword.Rule)AgeOnKeyword.Instance.ValidateKeywordValue(schema.GetProperty(keyword))!;
                var reference = rule.Reference.Resolve(pointer);
                var referenceLabel = reference is null ? "?" : form.Labels.For(reference, language);
                values["other"] = (rule.On, language) switch
                {
                    (AgeBasis.FiscalYearEnd, MessageLanguage.English) => $"the end of the fiscal year of {referenceLabel} (March 31)",
                    (AgeBasis.PreviousFiscalYearEnd, MessageLanguage.English) => $"the end of the fiscal year before {referenceLabel} (March 31)",
                    (_, MessageLanguage.English) => referenceLabel,
                    (AgeBasis.FiscalYearEnd, _) => $"「{referenceLabel}」の年度末（3月31日）",
                    (AgeBasis.PreviousFiscalYearEnd, _) => $"「{referenceLabel}」の前年度末（3月31日）",
                    _ => $"「{referenceLabel}」",
                };
                values["expected"] = (rule.Minimum, rule.Maximum, language) switch
                {
                    ({ } lo, { } hi, MessageLanguage.English) => $"between {lo} and {hi}",
                    (null, { } hi, MessageLanguage.English) => $"{hi} or under",
                    ({ } lo, null, MessageLanguage.English) => $"{lo} or over",
                    ({ } lo, { } hi, _) => $"{lo}歳以上{hi}歳以下",
                    (null, { } hi, _) => $"{hi}歳以下",
                    ({ } lo, null, _) => $"{lo}歳以上",
                    _ => "",
                };
                return keyword;
            default:
                return keyword;
        }
    }

    private string ChoiceLabel(JsonElement schema, JsonElement value, MessageLanguage language, string pointer)
    {
        // The labels may stand elsewhere than the failing enum (on a multi-select list rather than its items): the form
        // model has them where the field prints.
        var key0 = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (!(schema.TryGetProperty("enumLabels", out var own) && own.ValueKind == JsonValueKind.Object && own.TryGetProperty(key0, out _)) &&
            form.Model.Find(pointer) is { } node && node.Options.FirstOrDefault(o => JsonElement.DeepEquals(o.Value, value)) is { } option)
            return language == MessageLanguage.English ? option.LabelEn ?? option.Label : option.Label;
        var key = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (language == MessageLanguage.English && schema.TryGetProperty("enumLabelsEn", out var english) &&
            english.ValueKind == JsonValueKind.Object && english.TryGetProperty(key, out var en) && en.ValueKind == JsonValueKind.String)
            return en.GetString()!;
        if (schema.TryGetProperty("enumLabels", out var labels) && labels.ValueKind == JsonValueKind.Object &&
            labels.TryGetProperty(key, out var label) && label.ValueKind == JsonValueKind.String)
            return label.GetString()!;
        return key;
    }

    private ValidationError EraError(string pointer, DateRange range, MessageLanguage language)
    {
        var english = language == MessageLanguage.English;
        var values = new Dictionary<string, string>
        {
            ["expected"] = english ? string.Join(", ", range.Eras.Select(e => e.Romaji)) : range.EraNames,
            ["limit"] = english ? $"{JapaneseEra.Meiji.Start:yyyy-MM-dd} to {DateRange.LastPrintable:yyyy-MM-dd}"
                : $"{JapaneseDate.Format(JapaneseEra.Meiji.Start)}から{JapaneseDate.Format(DateRange.LastPrintable)}まで",
        };
        var node = form.Model.Find(pointer);
        return Make(pointer, "eras", language, node?.Schema, values, range.Eras.Count == JapaneseEra.All.Count ? "eras:range" : "eras");
    }

    private ValidationError MakeForMissing(string pointer, string keyword, MessageLanguage language, Dictionary<string, string> values)
    {
        // A designer's message for a missing field lives on the field's own schema.
        var label = form.Labels.For(pointer, language);
        values["label"] = label;
        values.TryAdd("title", Title(pointer, language) ?? label);
        foreach (var fieldSchema in form.Labels.SchemasAt(pointer))
            if (MessageOverride(fieldSchema, keyword, language) is { } custom)
                return new ValidationError(pointer, keyword, label, MessageCatalog.Fill(custom, values));
        return new ValidationError(pointer, keyword, label, MessageCatalog.Fill(MessageCatalog.Template(keyword, language), values));
    }

    private ValidationError Make(string pointer, string keyword, MessageLanguage language, JsonElement? schema, Dictionary<string, string> values, string? templateKey = null)
    {
        var label = form.Labels.For(pointer, language);
        values["label"] = label;
        values.TryAdd("title", Title(pointer, language) ?? label);
        var template = (schema is { } s ? MessageOverride(s, keyword, language) : null)
            ?? MessageCatalog.Template(templateKey ?? keyword, language);
        var message = MessageCatalog.Fill(template, values);
        if (MessageCatalog.HasUnfilled(message)) // the limit could not be found (e.g. behind a $dynamicRef): say less, never show braces
            message = MessageCatalog.Fill(MessageCatalog.Template("fallback", language), values);
        return new ValidationError(pointer, keyword, label, message);
    }

    /// <summary>The field's own title, without its block's (<c>{title}</c> in a designer's message).</summary>
    private string? Title(string pointer, MessageLanguage language) =>
        form.Model.Find(pointer) is { } node ? (language == MessageLanguage.English ? node.TitleEn ?? node.Title : node.Title) : null;

    /// <summary>The designer's <c>errorMessage</c> for <paramref name="keyword"/> on this schema, in the language, if any.</summary>
    internal static string? MessageOverride(JsonElement schema, string keyword, MessageLanguage language)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("errorMessage", out var message)) return null;
        if (message.ValueKind == JsonValueKind.String) return message.GetString();
        if (message.ValueKind != JsonValueKind.Object) return null;
        if (IsLocalized(message)) return Localized(message, language);
        return message.TryGetProperty(keyword, out var specific) ? Localized(specific, language) : null;
    }

    private static bool IsLocalized(JsonElement message) =>
        message.EnumerateObject().All(p => p.NameEquals("ja") || p.NameEquals("en"));

    private static string? Localized(JsonElement message, MessageLanguage language)
    {
        if (message.ValueKind == JsonValueKind.String) return message.GetString();
        if (message.ValueKind != JsonValueKind.Object) return null;
        var wanted = language == MessageLanguage.English ? "en" : "ja";
        if (message.TryGetProperty(wanted, out var text) && text.ValueKind == JsonValueKind.String) return text.GetString();
        var other = language == MessageLanguage.English ? "ja" : "en";
        return message.TryGetProperty(other, out text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
    }

    // ---- print check ----

    /// <summary>
    /// Characters no font prints (private use, control, broken text) are the resident's errors (keyword <c>character</c>);
    /// a character the printing font lacks is the form's print problem: the ward prints with another font (IPAmj明朝).
    /// </summary>
    private void CheckPrintable(JsonElement value, string pointer, PrintCheck check, MessageLanguage language, List<ValidationError> errors, List<ValidationError> printProblems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                if (check.FindUnprintable(value.GetString()!) is { } bad)
                {
                    var values = new Dictionary<string, string>
                    {
                        ["char"] = bad.Reason is UnprintableReason.NotInFont ? bad.Text : "",
                        ["code"] = bad.CodePointText,
                        ["font"] = check.Coverage?.FontName ?? "",
                    };
                    if (bad.Reason is UnprintableReason.NotInFont) printProblems.Add(Make(pointer, "print", language, null, values, "print:" + bad.Reason));
                    else errors.Add(Make(pointer, "character", language, null, values, "print:" + bad.Reason));
                }
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                    CheckPrintable(property.Value, JsonPointers.Append(pointer, property.Name), check, language, errors, printProblems);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                    CheckPrintable(item, JsonPointers.Append(pointer, (i++).ToString(CultureInfo.InvariantCulture)), check, language, errors, printProblems);
                break;
        }
    }

    private sealed class OrderComparer : IComparer<int[]>
    {
        public static OrderComparer Instance { get; } = new();

        public int Compare(int[]? x, int[]? y)
        {
            for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
                if (x[i] != y[i]) return x[i].CompareTo(y[i]);
            return x.Length.CompareTo(y.Length);
        }
    }
}
