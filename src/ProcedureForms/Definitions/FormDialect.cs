using System.Reflection;
using System.Text.Json;
using Json.Schema;
using Json.Schema.Keywords;
using ProcedureForms.Definitions.Keywords;

namespace ProcedureForms.Definitions;

/// <summary>The ProcedureForms dialect of JSON Schema 2020-12: its URIs, keywords and meta-schema.</summary>
public static class FormDialect
{
    /// <summary>The <c>$schema</c> a form definition declares to use the ProcedureForms vocabulary.</summary>
    public static Uri Id { get; } = new("https://procedureforms.dev/schema/2026-11/form");

    /// <summary>The vocabulary URI listed in the meta-schema's <c>$vocabulary</c>.</summary>
    public static Uri VocabularyId { get; } = new("https://procedureforms.dev/vocab/2026-11/form");

    /// <summary>The plain JSON Schema 2020-12 meta-schema URI; such forms load too, with default presentation.</summary>
    public static Uri Draft202012Id { get; } = MetaSchemas.Draft202012Id;

    /// <summary>The names of the presentation and metadata keywords of the vocabulary (they assert nothing).</summary>
    public static IReadOnlyList<string> AnnotationKeywords { get; } =
    [
        "formId", "formVersion", "effectiveFrom", "effectiveUntil", "formNumber", "titleEn", "addressee", "applicationDateField", "declaration",
        "notes", "sealPolicy", "paper", "staffArea", "boxes", "enumLabels", "enumLabelsEn", "choiceStyle", "eras", "unit", "rows", "conditionLabel",
        "errorMessage", "notesPlacement", "pages", "rowHeight", "labelWidth", "width", "lines", "thickFrame", "pageBreakBefore", "signature",
        "sealBox", "booleanLabels", "signatureLabel", "numberStyle", "messageTitle", "descriptionStyle", "kanaAboveName", "template",
    ];

    /// <summary>Keywords that describe the whole form and mean nothing below its root.</summary>
    public static IReadOnlyList<string> FormKeywords { get; } =
    [
        "formId", "formVersion", "effectiveFrom", "effectiveUntil", "formNumber", "addressee", "applicationDateField", "declaration", "notes",
        "sealPolicy", "paper", "staffArea", "notesPlacement", "pages", "signatureLabel", "template",
    ];

    /// <summary>The names of the rule keywords of the vocabulary (cross-field assertions).</summary>
    public static IReadOnlyList<string> RuleKeywords { get; } = ["dateNotAfter", "dateNotBefore", "ageOn", "formatMinimum", "formatMaximum"];

    /// <summary>The meta-schema text (also in the repository's <c>schemas/form.schema.json</c>) for editors.</summary>
    public static string MetaSchemaText { get; } = ReadResource("ProcedureForms.form.schema.json");

    private static IKeywordHandler[] VocabularyKeywords { get; } =
    [
        .. AnnotationKeywords.Select(k => (IKeywordHandler)new VocabularyAnnotationKeyword(k)),
        DateNotAfterKeyword.Instance, DateNotBeforeKeyword.Instance, AgeOnKeyword.Instance,
        FormatMinimumKeyword.Instance, FormatMaximumKeyword.Instance,
    ];

    // 2020-12 with pattern, patternProperties and additionalProperties bounded and string lengths in code points. The stock patternProperties and
    // additionalProperties stay listed first: other keywords' evaluation order is declared against their types.
    private static IKeywordHandler[] BoundedDraft202012Keywords { get; } = BuildBoundedKeywords();

    internal static Dialect BoundedDraft202012 { get; } =
        new(BoundedDraft202012Keywords) { Id = MetaSchemas.Draft202012Id, AllowUnknownKeywords = true };

    internal static Dialect Form { get; } =
        new([.. BoundedDraft202012Keywords, .. VocabularyKeywords]) { Id = Id, AllowUnknownKeywords = true };

    private static Vocabulary[] BoundedVocabularies { get; } =
    [
        Bounded(Vocabulary.Draft202012_Applicator),
        Bounded(Vocabulary.Draft202012_Validation),
        new(VocabularyId, VocabularyKeywords),
    ];

    /// <summary>The meta-schema, built once into a registry of its own.</summary>
    internal static JsonSchema MetaSchema { get; } = JsonSchema.Build(
        JsonDocument.Parse(MetaSchemaText).RootElement.Clone(),
        new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>
    /// Fresh registries for one build: JsonSchema.Net's global registry keeps every schema ever built (and refuses a
    /// repeated <c>$id</c>), and dialects registered there would change every other user of the library in the process.
    /// </summary>
    internal static BuildOptions CreateBuildOptions()
    {
        var dialects = new DialectRegistry();
        dialects.Register(BoundedDraft202012);
        dialects.Register(Form);
        var vocabularies = new VocabularyRegistry();
        foreach (var vocabulary in BoundedVocabularies) vocabularies.Register(vocabulary);
        return new BuildOptions
        {
            SchemaRegistry = new SchemaRegistry(),
            DialectRegistry = dialects,
            VocabularyRegistry = vocabularies,
            Dialect = BoundedDraft202012, // for documents without $schema
        };
    }

    // The 57 keywords of JsonSchema.Net's Dialect.Draft202012, listed here because its Vocabulary objects are
    // incomplete (Draft202012_Applicator lacks "then", so a dialect assembled from them ignores then-branches).
    private static IKeywordHandler[] BuildBoundedKeywords() =>
    [
        PatternPropertiesKeyword.Instance, AdditionalPropertiesKeyword.Instance, // see above: stock types first
        BoundedAdditionalPropertiesKeyword.Instance, AllOfKeyword.Instance, AnchorKeyword.Instance, AnyOfKeyword.Instance,
        CommentKeyword.Instance, ConstKeyword.Instance, ContainsKeyword.Instance, ContentEncodingKeyword.Instance,
        ContentMediaTypeKeyword.Instance, ContentSchemaKeyword.Instance, DefaultKeyword.Instance, DefsKeyword.Instance,
        DependentRequiredKeyword.Instance, DependentSchemasKeyword.Instance, DeprecatedKeyword.Instance,
        DescriptionKeyword.Instance, DynamicAnchorKeyword.Instance, Json.Schema.Keywords.Draft202012.DynamicRefKeyword.Instance,
        ElseKeyword.Instance, EnumKeyword.Instance, ExamplesKeyword.Instance, ExclusiveMaximumKeyword.Instance,
        ExclusiveMinimumKeyword.Instance, Json.Schema.Keywords.Draft06.FormatKeyword.Annotate, IdKeyword.Instance,
        IfKeyword.Instance, ItemsKeyword.Instance, MaxContainsKeyword.Instance, MaximumKeyword.Instance,
        MaxItemsKeyword.Instance, CodePointMaxLengthKeyword.Instance, MaxPropertiesKeyword.Instance, MinContainsKeyword.Instance,
        MinimumKeyword.Instance, MinItemsKeyword.Instance, CodePointMinLengthKeyword.Instance, MinPropertiesKeyword.Instance,
        MultipleOfKeyword.Instance, NotKeyword.Instance, OneOfKeyword.Instance, BoundedPatternKeyword.Instance,
        BoundedPatternPropertiesKeyword.Instance, PrefixItemsKeyword.Instance, PropertiesKeyword.Instance,
        PropertyNamesKeyword.Instance, ReadOnlyKeyword.Instance, RefKeyword.Instance, RequiredKeyword.Instance,
        SchemaKeyword.Instance, ThenKeyword.Instance, TitleKeyword.Instance, ExactTypeKeyword.Instance,
        UnevaluatedItemsKeyword.Instance, UnevaluatedPropertiesKeyword.Instance, UniqueItemsKeyword.Instance,
        Json.Schema.Keywords.Draft201909.VocabularyKeyword.Instance, WriteOnlyKeyword.Instance,
    ];

    private static Vocabulary Bounded(Vocabulary vocabulary)
    {
        var keywords = vocabulary.Keywords.Select(Replace).ToList();
        if (keywords.Contains(BoundedPatternPropertiesKeyword.Instance))
            keywords.InsertRange(0, [PatternPropertiesKeyword.Instance, AdditionalPropertiesKeyword.Instance]);
        if (keywords.Contains(IfKeyword.Instance) && !keywords.Contains(ThenKeyword.Instance))
            keywords.Add(ThenKeyword.Instance); // JsonSchema.Net 8.0.5's applicator vocabulary omits it
        return new Vocabulary(vocabulary.Id, keywords);
    }

    private static IKeywordHandler Replace(IKeywordHandler keyword) => keyword switch
    {
        PatternKeyword => BoundedPatternKeyword.Instance,
        PatternPropertiesKeyword => BoundedPatternPropertiesKeyword.Instance,
        AdditionalPropertiesKeyword => BoundedAdditionalPropertiesKeyword.Instance,
        MaxLengthKeyword => CodePointMaxLengthKeyword.Instance,
        MinLengthKeyword => CodePointMinLengthKeyword.Instance,
        TypeKeyword => ExactTypeKeyword.Instance,
        _ => keyword,
    };

    private static string ReadResource(string name)
    {
        using var stream = typeof(FormDialect).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
