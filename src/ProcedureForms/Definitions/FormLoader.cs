using System.Text.Json;
using Json.Schema;
using Json.Schema.Keywords;
using ProcedureForms.Validation.Formats;

namespace ProcedureForms.Definitions;

/// <summary>Turns definition text into a built schema, collecting every problem with a pointer instead of stopping at the first.</summary>
internal static class FormLoader
{
    internal static readonly Uri InlineBaseUri = new("https://procedureforms.dev/inline/form.json");

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 256,
        // A keyword twice in one object: JSON Schema libraries would disagree on which counts.
        AllowDuplicateProperties = false,
    };

    private static readonly EvaluationOptions MetaValidation = new()
    {
        OutputFormat = OutputFormat.Hierarchical,
        RequireFormatValidation = true,
        FormatRegistry = FormFormats.Registry,
    };

    public static ProcedureForm Load(string text, string? source, Uri? baseUri, FormLoadOptions options)
    {
        var limits = options.Limits;
        if (System.Text.Encoding.UTF8.GetByteCount(text) is var bytes && bytes > limits.MaxBytes)
            throw Fail(source, new FormLoadError("", $"定義が大きすぎます（{bytes:N0}バイト、上限{limits.MaxBytes:N0}バイト：DefinitionLimits.MaxBytes）。"));
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text, JsonOptions);
            root = document.RootElement.Clone();
        }
        catch (JsonException e) when (e.LineNumber is null && DuplicateName(e.Message) is { } name)
        {
            throw Fail(source, new FormLoadError("", $"同じ名前「{name}」が1つのオブジェクトに2回あります。JSON Schema の実装によってどちらが使われるかが変わるため、1回にしてください。"));
        }
        catch (JsonException e)
        {
            throw Fail(source, new FormLoadError("", $"JSON として読めません（{e.LineNumber + 1}行目の{e.BytePositionInLine + 1}バイト目）：{JsonProblem(e.Message)}"));
        }
        catch (InvalidOperationException) // the duplicate-name check reads names; one that is not text throws
        {
            throw Fail(source, UnpairedSurrogate);
        }
        if (SubmissionReader.HasUnpairedSurrogate(root)) throw Fail(source, UnpairedSurrogate);

        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
            throw Fail(source, new FormLoadError("", $"A form definition must be a JSON object (found {root.ValueKind})."));

        foreach (var document in options.Documents)
            if (System.Text.Encoding.UTF8.GetByteCount(document.Text) is var size && size > limits.MaxBytes)
                throw Fail(source, new FormLoadError("", $"参照文書 {document.Uri} が大きすぎます（{size:N0}バイト、上限{limits.MaxBytes:N0}バイト：DefinitionLimits.MaxBytes）。"));
        // Before anything is compiled: a 150,000-alternative pattern or a 10 MB enum took minutes to build and lint.
        var exceeded = new List<FormLoadError>();
        CheckLimits(root, "", limits, exceeded, 0);
        if (exceeded.Count > 0) throw new FormDefinitionException(source, exceeded);

        var documents = ParseDocuments(options.Documents, source);
        foreach (var document in documents.Values.Distinct())
        {
            var documentErrors = new List<FormLoadError>();
            CheckLimits(document.Element, "", limits, documentErrors, 0);
            exceeded.AddRange(documentErrors.Select(e => e with { Source = document.Uri.ToString() }));
        }
        if (exceeded.Count > 0) throw new FormDefinitionException(source, exceeded);
        var dialectId = DeclaredDialect(root, documents, source);

        var metaErrors = MetaValidate(root, dialectId);
        if (metaErrors.Count > 0) throw new FormDefinitionException(source, metaErrors);

        var buildOptions = FormDialect.CreateBuildOptions();
        var errors = new List<FormLoadError>();
        var resources = new SchemaResources();
        var built = new List<(ParsedDocument Document, JsonSchema Schema)>();
        foreach (var document in documents.Values.Distinct().Where(d => IsReferenced(root, baseUri, d, documents)))
        {
            // A shared document gets the same checks as a form: meta-schema, build, formats, references.
            var name = document.Uri.ToString();
            try
            {
                var documentErrors = MetaValidate(document.Element, DeclaredDialect(document.Element, documents, name));
                if (documentErrors.Count > 0)
                {
                    errors.AddRange(documentErrors.Select(e => e with { Source = name }));
                    continue;
                }
                var schemaOfDocument = JsonSchema.Build(document.Element, buildOptions, document.Uri);
                if (schemaOfDocument.BaseUri != document.Uri) buildOptions.SchemaRegistry.Register(document.Uri, schemaOfDocument);
                resources.Add(document.Uri, document.Element);
                built.Add((document, schemaOfDocument));
            }
            catch (FormDefinitionException e)
            {
                errors.AddRange(e.Errors.Select(x => x with { Source = name }));
            }
            catch (Exception e) when (e is JsonSchemaException or ArgumentException or InvalidOperationException)
            {
                errors.Add(new FormLoadError("", $"The referenced document cannot be built: {e.Message}", name));
            }
        }

        var effectiveBase = baseUri ?? InlineBaseUri;
        JsonSchema schema;
        try
        {
            schema = JsonSchema.Build(root, buildOptions, effectiveBase);
        }
        catch (Exception e) when (e is JsonSchemaException or ArgumentException or InvalidOperationException or RefResolutionException)
        {
            errors.Add(new FormLoadError("", e.Message));
            throw new FormDefinitionException(source, errors);
        }
        resources.Add(schema.BaseUri, root);
        if (ReferenceCycles.Find(root, schema.BaseUri, resources) is { } cycle)
            throw Fail(source, new FormLoadError(cycle,
                "参照（$ref）をたどると、値の中へ進まないまま同じスキーマに戻ります（循環）。検証が終わらないため読み込めません。参照先を見直してください。"));

        var check = new NodeCheck(options, resources, documents, errors);
        check.Walk(schema.Root, "", null);
        foreach (var (document, documentSchema) in built)
            check.Walk(documentSchema.Root, "", document.Uri.ToString());
        var templateSpec = Templates.TemplateSpec.Read(root, errors);
        if (errors.Count > 0) throw new FormDefinitionException(source, errors);

        var form = new ProcedureForm(root, schema, resources, dialectId, options, source)
        {
            NeedsSerializedEvaluation = !FullyResolved(schema),
        };
        if (templateSpec is not null)
        {
            // The template is read and every placement checked against it now: a form that loads prints.
            form.Template = Templates.TemplateForm.Load(templateSpec, form.Model, baseUri, typeof(FormLoader).Assembly, errors);
            if (errors.Count > 0) throw new FormDefinitionException(source, errors);
        }
        return form;
    }

    /// <summary>A parsed reference document, known by the URI it was given and by its own <c>$id</c>.</summary>
    private sealed record ParsedDocument(Uri Uri, JsonElement Element);

    private static void CheckLimits(JsonElement element, string pointer, DefinitionLimits limits, List<FormLoadError> errors, int depth)
    {
        if (depth > 256 || errors.Count >= 100) return;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = JsonPointers.Append(pointer, property.Name);
                    if (property.Name == "enum" && property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() > limits.MaxEnumValues)
                        errors.Add(new FormLoadError(at, $"enum の値が多すぎます（{property.Value.GetArrayLength():N0}個、上限{limits.MaxEnumValues:N0}個：DefinitionLimits.MaxEnumValues）。"));
                    else if (property.Name == "pattern" && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length > limits.MaxPatternLength)
                        errors.Add(new FormLoadError(at, $"pattern が長すぎます（{property.Value.GetString()!.Length:N0}文字、上限{limits.MaxPatternLength:N0}文字：DefinitionLimits.MaxPatternLength）。"));
                    else if (property.Name == "patternProperties" && property.Value.ValueKind == JsonValueKind.Object)
                        foreach (var pattern in property.Value.EnumerateObject().Where(p => p.Name.Length > limits.MaxPatternLength))
                            errors.Add(new FormLoadError(JsonPointers.Append(at, pattern.Name[..Math.Min(20, pattern.Name.Length)] + "…"), $"patternProperties の正規表現が長すぎます（{pattern.Name.Length:N0}文字、上限{limits.MaxPatternLength:N0}文字：DefinitionLimits.MaxPatternLength）。"));
                    else
                        CheckLimits(property.Value, at, limits, errors, depth + 1);
                }
                return;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) CheckLimits(item, $"{pointer}/{i++}", limits, errors, depth + 1);
                return;
            // JsonSchema.Net compares numbers (const, enum, uniqueItems, its own meta-schema) as decimal, and throws on
            // one beyond decimal's range instead of answering: such a number is refused here, by place.
            case JsonValueKind.Number when !element.TryGetDecimal(out _):
                errors.Add(new FormLoadError(pointer, $"数値が大きすぎます（{JsonNumbers.DecimalLimitText}まで）。"));
                return;
        }
    }

    private static Dictionary<Uri, ParsedDocument> ParseDocuments(IReadOnlyList<ReferenceDocument> documents, string? source)
    {
        var parsed = new Dictionary<Uri, ParsedDocument>();
        foreach (var document in documents)
        {
            if (!document.Uri.IsAbsoluteUri)
                throw Fail(source, new FormLoadError("", $"Reference document URI '{document.Uri}' must be absolute."));
            try
            {
                using var json = JsonDocument.Parse(document.Text, JsonOptions);
                if (SubmissionReader.HasUnpairedSurrogate(json.RootElement)) throw new InvalidOperationException();
                var entry = new ParsedDocument(StripFragment(document.Uri), json.RootElement.Clone());
                parsed[entry.Uri] = entry;
                if (entry.Element.ValueKind == JsonValueKind.Object && entry.Element.TryGetProperty("$id", out var id) &&
                    id.ValueKind == JsonValueKind.String && Uri.TryCreate(entry.Uri, id.GetString(), out var idUri))
                    parsed.TryAdd(StripFragment(idUri), entry);
            }
            catch (JsonException e)
            {
                throw Fail(source, new FormLoadError("", $"Reference document {document.Uri} is not valid JSON (line {e.LineNumber + 1}): {FirstSentence(e.Message)}"));
            }
            catch (InvalidOperationException)
            {
                throw Fail(source, UnpairedSurrogate with { Source = document.Uri.ToString() });
            }
        }
        return parsed;
    }

    private static Uri? DeclaredDialect(JsonElement root, Dictionary<Uri, ParsedDocument> documents, string? source)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("$schema", out var schemaValue))
            return null;
        if (schemaValue.ValueKind != JsonValueKind.String || !Uri.TryCreate(schemaValue.GetString(), UriKind.Absolute, out var uri))
            throw Fail(source, new FormLoadError("/$schema", "$schema must be an absolute URI."));
        var withoutFragment = StripFragment(uri);
        if (withoutFragment == FormDialect.Id || withoutFragment == FormDialect.Draft202012Id || documents.ContainsKey(withoutFragment))
            return withoutFragment;
        throw Fail(source, new FormLoadError("/$schema",
            $"Unsupported $schema '{uri}'. Use {FormDialect.Id} (ProcedureForms) or {FormDialect.Draft202012Id} (plain JSON Schema 2020-12)."));
    }

    private static List<FormLoadError> MetaValidate(JsonElement root, Uri? dialectId)
    {
        if (root.ValueKind != JsonValueKind.Object) return [];
        // Plain 2020-12 forms are held to the vocabulary's shapes too: the form model reads "boxes", "rows" and the
        // rest wherever they stand, so {"boxes": {}} in a plain form crashed the model instead of failing to load.
        JsonSchema? meta = dialectId is null || dialectId == FormDialect.Id || dialectId == FormDialect.Draft202012Id
            ? FormDialect.MetaSchema
            : null; // a custom meta-schema from the catalog: its own keywords are checked when it is built
        if (meta is null) return [];
        var results = meta.Evaluate(root, MetaValidation);
        if (results.IsValid) return [];
        var raw = new List<MetaError>();
        CollectMetaErrors(results, raw);
        return MetaErrorWording.Word(root, raw);
    }

    private static void CollectMetaErrors(EvaluationResults node, List<MetaError> errors)
    {
        if (node.IsValid) return;
        if (node.Errors is not null)
            foreach (var (keyword, message) in node.Errors)
                errors.Add(new MetaError(node.InstanceLocation.ToString(), keyword, message, node.SchemaLocation));
        if (node.Details is null) return;
        foreach (var child in node.Details) CollectMetaErrors(child, errors);
    }

    /// <summary>Walks a built schema for what JsonSchema.Net lets through silently.</summary>
    private sealed class NodeCheck(FormLoadOptions options, SchemaResources resources, Dictionary<Uri, ParsedDocument> documents, List<FormLoadError> errors)
    {
        private readonly HashSet<JsonSchemaNode> _seen = [];

        public void Walk(JsonSchemaNode node, string pointer, string? source)
        {
            if (!_seen.Add(node)) return;
            foreach (var keyword in node.Keywords ?? [])
            {
                if (keyword.Handler is AnnotationKeyword) continue;
                var keywordPointer = JsonPointers.Append(pointer, keyword.Handler.Name);
                switch (keyword.Handler)
                {
                    case RefKeyword:
                        CheckReference(keyword, keywordPointer, source);
                        continue; // the target is checked where it is defined
                    case Json.Schema.Keywords.DynamicRefKeyword:
                        // JsonSchema.Net resolves $dynamicRef only while evaluating, and threw from there: check here.
                        var dynamicReference = keyword.RawValue.GetString();
                        if (!TryResolve(node.BaseUri, dynamicReference, out var dynamicTarget) ||
                            (resources.Find(dynamicTarget) is null && dynamicTarget.Host != "json-schema.org"))
                            errors.Add(new FormLoadError(keywordPointer, $"$dynamicRef '{dynamicReference}' cannot be resolved: no anchor or subschema of that name in this definition or the catalog.", source));
                        continue;
                    case SchemaKeyword when pointer.Length > 0:
                        // A nested $schema of another draft would switch to JsonSchema.Net's stock dialect, whose
                        // pattern keyword has no time limit.
                        var declared = FormLoader.StripFragment((Uri)keyword.Value!);
                        if (declared != FormDialect.Id && declared != FormDialect.Draft202012Id && !documents.ContainsKey(declared))
                            errors.Add(new FormLoadError(keywordPointer, $"Embedded $schema '{declared}' is not supported: ProcedureForms reads JSON Schema 2020-12 and its own dialect only.", source));
                        break;
                    case FormatKeyword when options.AssertFormats:
                        var name = keyword.RawValue.GetString()!;
                        if (!FormFormats.IsKnown(name))
                            errors.Add(new FormLoadError(keywordPointer, $"Unknown format '{name}'. Known formats: {string.Join(", ", FormFormats.JapaneseNames.Concat(FormFormats.Standard))}.", source));
                        break;
                }
                foreach (var sub in keyword.Subschemas)
                    Walk(sub, keywordPointer + sub.RelativePath, source);
            }
        }

        private void CheckReference(KeywordData keyword, string pointer, string? source)
        {
            var reference = keyword.RawValue.GetString();
            if (keyword.Subschemas.Length == 0)
            {
                errors.Add(new FormLoadError(pointer, $"$ref '{reference}' cannot be resolved: it names nothing in this definition or the catalog (ProcedureForms never fetches schemas from the network or the file system).", source));
                return;
            }
            // JsonSchema.Net falls back to its process-wide registry, which other code may fill: only our documents and
            // the official meta-schemas (built into the library) may be reached.
            var target = keyword.Subschemas[0].BaseUri;
            if (resources.Resource(target) is null && target.Host != "json-schema.org")
                errors.Add(new FormLoadError(pointer, $"$ref '{reference}' resolves to {target}, which is not part of this definition or the catalog.", source));
        }
    }

    /// <summary>Whether <paramref name="candidate"/> is referenced from the form, directly or through other documents.</summary>
    private static bool IsReferenced(JsonElement root, Uri? baseUri, ParsedDocument candidate, Dictionary<Uri, ParsedDocument> documents)
    {
        var reached = new HashSet<Uri>();
        var queue = new Queue<(JsonElement Element, Uri Base)>();
        queue.Enqueue((root, baseUri ?? InlineBaseUri));
        while (queue.Count > 0)
        {
            var (element, documentBase) = queue.Dequeue();
            foreach (var target in ReferenceTargets(element, documentBase))
            {
                if (!documents.TryGetValue(target, out var next)) continue;
                if (ReferenceEquals(next, candidate)) return true;
                if (reached.Add(target)) queue.Enqueue((next.Element, target));
            }
        }
        return false;
    }

    private static IEnumerable<Uri> ReferenceTargets(JsonElement element, Uri baseUri)
    {
        var bases = new List<Uri> { baseUri };
        var refs = new List<string>();
        Scan(element, baseUri, bases, refs);
        foreach (var reference in refs)
            foreach (var b in bases)
                if (TryResolve(b, reference, out var resolved)) yield return StripFragment(resolved);
    }

    private static void Scan(JsonElement element, Uri currentBase, List<Uri> bases, List<string> refs)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String &&
                    Uri.TryCreate(currentBase, id.GetString(), out var newBase))
                {
                    currentBase = newBase;
                    bases.Add(newBase);
                }
                foreach (var property in element.EnumerateObject())
                {
                    if ((property.NameEquals("$ref") || property.NameEquals("$dynamicRef") || property.NameEquals("$schema")) &&
                        property.Value.ValueKind == JsonValueKind.String)
                        refs.Add(property.Value.GetString()!);
                    else
                        Scan(property.Value, currentBase, bases, refs);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Scan(item, currentBase, bases, refs);
                break;
        }
    }

    // JsonSchema.Net 8.0.5 keeps whether Build resolved every reference in a private field; when it did not, Evaluate
    // resolves again, mutating shared nodes. Read it once here; if the field is ever renamed, assume the worst.
    private static readonly System.Reflection.FieldInfo? ResolvedField =
        typeof(JsonSchema).GetField("_resolved", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    private static bool FullyResolved(JsonSchema schema) => ResolvedField?.GetValue(schema) is true;

    internal static Uri StripFragment(Uri uri) =>
        uri.IsAbsoluteUri && uri.Fragment.Length > 0 ? new Uri(uri.GetLeftPart(UriPartial.Query)) : uri;

    /// <summary>
    /// Resolves a <c>$ref</c> against a base URI. A fragment-only reference (<c>#/$defs/x</c>) keeps the base document:
    /// <see cref="Uri"/> would escape the <c>#</c> against a file URI and name another file.
    /// </summary>
    internal static bool TryResolve(Uri baseUri, string? reference, out Uri resolved)
    {
        if (reference is not null && reference.StartsWith('#') && baseUri.IsAbsoluteUri)
            return Uri.TryCreate(StripFragment(baseUri).GetLeftPart(UriPartial.Query) + reference, UriKind.Absolute, out resolved!);
        return Uri.TryCreate(baseUri, reference, out resolved!);
    }

    private static FormDefinitionException Fail(string? source, FormLoadError error) => new(source, [error]);

    // JSON allows \uD800 escapes that are not text; every reader of the definition would throw on them later.
    private static readonly FormLoadError UnpairedSurrogate =
        new("", "文字として読めない \\u エスケープ（対になっていないサロゲート）が含まれています。正しい文字にしてください。");

    /// <summary>The name in System.Text.Json's "Duplicate property 'x' encountered…", or null for another error.</summary>
    private static string? DuplicateName(string message)
    {
        const string prefix = "Duplicate property '";
        if (!message.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var end = message.IndexOf('\'', prefix.Length);
        return end < 0 ? null : message[prefix.Length..end];
    }

    /// <summary>The parser's sentence without its own "LineNumber: … | BytePositionInLine: …" (the position is given once, in the message).</summary>
    private static string JsonProblem(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return FirstSentence(cut > 0 ? message[..cut] : message).TrimEnd();
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
