using System.Globalization;
using System.Text.Json;
using Json.Schema;
using ProcedureForms.Definitions.Model;
using ProcedureForms.Validation;

namespace ProcedureForms.Definitions;

/// <summary>
/// One procedure's form definition: a JSON Schema 2020-12 document, optionally in the ProcedureForms dialect.
/// Build it once (<see cref="FromFile"/>, <see cref="FromText"/>, <see cref="FromStream"/>) and share it: it is
/// immutable and <see cref="Validate(JsonElement, ValidationOptions?)"/> is safe to call from many threads.
/// </summary>
public sealed class ProcedureForm
{

    internal ProcedureForm(JsonElement definition, JsonSchema schema, SchemaResources resources, Uri? dialect, FormLoadOptions loadOptions, string? source)
    {
        Definition = definition;
        Schema = schema;
        Resources = resources;
        LoadOptions = loadOptions;
        Source = source;
        UsesVocabulary = dialect == FormDialect.Id;
        Id = StringProperty("formId");
        Version = StringProperty("formVersion");
        Title = StringProperty("title") ?? Id ?? "申請書";
        TitleEn = StringProperty("titleEn");
        EffectiveFrom = DateProperty("effectiveFrom");
        EffectiveUntil = DateProperty("effectiveUntil");
        Model = FormModel.Build(definition, schema.BaseUri, resources, UsesVocabulary && loadOptions.AssertFormats);
        Fields = FormField.Of(Model);
        Labels = new FieldLabels(this);
        Validator = new SubmissionValidator(this);
    }

    /// <summary>The form's id (<c>formId</c>), or null for a plain JSON Schema.</summary>
    public string? Id { get; }

    /// <summary>The form's version (<c>formVersion</c>), or null.</summary>
    public string? Version { get; }

    /// <summary>The form's title (its root <c>title</c>).</summary>
    public string Title { get; }

    /// <summary>The English title (<c>titleEn</c>), or null.</summary>
    public string? TitleEn { get; }

    /// <summary>First day this version is in effect, or null for "always".</summary>
    public DateOnly? EffectiveFrom { get; }

    /// <summary>Last day this version is in effect, or null while it is current.</summary>
    public DateOnly? EffectiveUntil { get; }

    /// <summary>Whether the definition declares the ProcedureForms dialect (else it is plain JSON Schema 2020-12).</summary>
    public bool UsesVocabulary { get; }

    /// <summary>The definition document as loaded.</summary>
    public JsonElement Definition { get; }

    /// <summary>The file or resource name the definition came from, when known.</summary>
    public string? Source { get; }

    /// <summary>
    /// The form's fields in the order the paper form lists them, with labels, kinds, choices, conditions and help text:
    /// what a web page (or any front end) needs to ask for a submission this form validates and prints.
    /// </summary>
    public IReadOnlyList<FormField> Fields { get; }

    internal JsonSchema Schema { get; }

    /// <summary>True when JsonSchema.Net could not resolve every reference at build time and will re-resolve on evaluation.</summary>
    internal bool NeedsSerializedEvaluation { get; init; }

    internal object EvaluationLock { get; } = new();

    /// <summary>What printing this form reuses between documents (see <see cref="Rendering.FormSheet"/>).</summary>
    internal Rendering.FormSheetCache Sheets { get; } = new();

    internal SchemaResources Resources { get; }
    internal FormLoadOptions LoadOptions { get; }
    internal FieldLabels Labels { get; }

    /// <summary>The field tree, built once: what messages, layout, lint and the print check read.</summary>
    internal FormModel Model { get; }

    /// <summary>The official PDF the form prints on and where each value goes, when the definition names one.</summary>
    internal Templates.TemplateForm? Template { get; set; }
    private SubmissionValidator Validator { get; }

    /// <summary>The field at a submission pointer named as the paper form names it (「児童（2）・生年月日」).</summary>
    public string LabelOf(string pointer, MessageLanguage language = MessageLanguage.Japanese)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        return Labels.For(pointer, language);
    }

    /// <summary>Whether this version is in effect on <paramref name="date"/>.</summary>
    public bool IsEffectiveOn(DateOnly date) =>
        (EffectiveFrom is null || date >= EffectiveFrom) && (EffectiveUntil is null || date <= EffectiveUntil);

    /// <summary>Loads a definition from a file. Nothing the definition references is read from disk or the network.</summary>
    /// <exception cref="FormDefinitionException">The definition cannot be read or is not a valid form.</exception>
    public static ProcedureForm FromFile(string path, FormLoadOptions? options = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormDefinitionException(path, [new FormLoadError("", $"Cannot read the file: {e.Message}")]);
        }
        return FormLoader.Load(text, path, new Uri(Path.GetFullPath(path)), options ?? FormLoadOptions.Default);
    }

    /// <summary>Loads a definition from JSON text.</summary>
    /// <param name="json">The definition.</param>
    /// <param name="options">Load options; <see cref="FormLoadOptions.Default"/> when null.</param>
    /// <param name="baseUri">The URI relative <c>$ref</c>s resolve against, when the definition has no <c>$id</c>.</param>
    /// <exception cref="FormDefinitionException">The definition is not a valid form.</exception>
    public static ProcedureForm FromText(string json, FormLoadOptions? options = null, Uri? baseUri = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FormLoader.Load(json, null, baseUri, options ?? FormLoadOptions.Default);
    }

    /// <summary>Loads a definition from a UTF-8 stream.</summary>
    /// <exception cref="FormDefinitionException">The definition is not a valid form.</exception>
    public static ProcedureForm FromStream(Stream stream, FormLoadOptions? options = null, Uri? baseUri = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, leaveOpen: true);
        return FormLoader.Load(reader.ReadToEnd(), null, baseUri, options ?? FormLoadOptions.Default);
    }

    /// <summary>Validates a submission. The submission is never changed.</summary>
    public ValidationReport Validate(JsonElement submission, ValidationOptions? options = null) =>
        Validator.Validate(submission, options ?? ValidationOptions.Default);

    /// <summary>Validates a submission given as JSON text.</summary>
    /// <exception cref="SubmissionFormatException">The text is not JSON.</exception>
    public ValidationReport Validate(string submissionJson, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(submissionJson);
        using var document = SubmissionReader.Parse(submissionJson, options?.Limits);
        return Validate(document.RootElement, options);
    }

    /// <summary>Validates a submission read from a UTF-8 stream.</summary>
    /// <exception cref="SubmissionFormatException">The stream does not hold JSON.</exception>
    public ValidationReport Validate(Stream submission, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(submission);
        using var document = SubmissionReader.Parse(submission, options?.Limits);
        return Validate(document.RootElement, options);
    }

    /// <summary>Validates a submission read asynchronously from a UTF-8 stream (a request body, a file).</summary>
    /// <exception cref="SubmissionFormatException">The stream does not hold JSON.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while reading.</exception>
    public async Task<ValidationReport> ValidateAsync(Stream submission, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        using var document = await SubmissionReader.ParseAsync(submission, cancellationToken, options?.Limits).ConfigureAwait(false);
        return Validate(document.RootElement, options);
    }

    /// <summary>Loads a definition asynchronously from a UTF-8 stream.</summary>
    /// <exception cref="FormDefinitionException">The definition is not a valid form.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while reading.</exception>
    public static async Task<ProcedureForm> FromStreamAsync(Stream stream, FormLoadOptions? options = null, Uri? baseUri = null, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return FormLoader.Load(text, null, baseUri, options ?? FormLoadOptions.Default);
    }

    /// <inheritdoc/>
    public override string ToString() => Id is null ? Title : $"{Id} {Version} ({Title})";

    private string? StringProperty(string name) =>
        Definition.ValueKind == JsonValueKind.Object && Definition.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private DateOnly? DateProperty(string name) =>
        StringProperty(name) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
}

/// <summary>A submission is not well-formed JSON. The message gives the position only, never the content.</summary>
public sealed class SubmissionFormatException : Exception
{
    // The parser's exception is not kept as InnerException: its message can quote submission data.
    /// <summary>Creates the exception for a parse error at a position (0-based, as System.Text.Json reports it).</summary>
    public SubmissionFormatException(long? line, long? bytePosition)
        : base($"The submission is not valid JSON (line {line + 1}, byte {bytePosition + 1}).")
    {
        Line = line + 1;
        BytePosition = bytePosition + 1;
    }

    internal SubmissionFormatException(string message) : base(message) { }

    /// <summary>The 1-based line of the problem, when known.</summary>
    public long? Line { get; }

    /// <summary>The 1-based byte position in the line, when known.</summary>
    public long? BytePosition { get; }
}
