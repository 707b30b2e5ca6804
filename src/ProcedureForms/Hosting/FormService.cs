using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Validation;

namespace ProcedureForms.Hosting;

/// <summary>
/// The catalog, validation and printing as one service for an app's container (<c>services.AddProcedureForms()</c>):
/// built once, thread-safe, logging what it does without ever logging a submitted value.
/// </summary>
public sealed partial class FormService
{
    private readonly ProcedureFormsOptions _options;
    private readonly ILogger _logger;
    private readonly Lazy<FormCatalog> _catalog;

    /// <summary>Creates the service; the catalog is loaded on first use.</summary>
    public FormService(IOptions<ProcedureFormsOptions> options, ILogger<FormService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _catalog = new Lazy<FormCatalog>(LoadCatalog, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The forms this service serves.</summary>
    public FormCatalog Catalog => _catalog.Value;

    /// <summary>The version of <paramref name="formId"/> in effect on <paramref name="date"/> (today when null).</summary>
    /// <exception cref="KeyNotFoundException">No version of the form is in effect that day.</exception>
    public ProcedureForm Find(string formId, DateOnly? date = null)
    {
        ArgumentNullException.ThrowIfNull(formId);
        var on = date ?? DateOnly.FromDateTime(DateTime.Today);
        return Catalog.FindEffective(formId, on) ?? throw new KeyNotFoundException($"No version of the form '{formId}' is in effect on {on:yyyy-MM-dd}.");
    }

    /// <summary>Validates a submission, with the print check in the printing font.</summary>
    public ValidationReport Validate(ProcedureForm form, JsonElement submission)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Logged(form, form.Validate(submission, ValidationOptions));
    }

    /// <summary>Validates a submission read from a UTF-8 stream (a request body).</summary>
    /// <exception cref="SubmissionFormatException">The stream does not hold JSON.</exception>
    public async Task<ValidationReport> ValidateAsync(ProcedureForm form, Stream submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Logged(form, await form.ValidateAsync(submission, ValidationOptions, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Prints <paramref name="form"/> filled from <paramref name="submission"/> (blank when null) into <paramref name="output"/>.</summary>
    /// <exception cref="PrintCheckException">Some value cannot be printed; nothing is written.</exception>
    /// <exception cref="SubmissionInvalidException">The submission does not validate; nothing is written.</exception>
    public async Task RenderAsync(ProcedureForm form, JsonElement? submission, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite) throw new ArgumentException("The output stream cannot be written to.", nameof(output));
        var clock = Stopwatch.StartNew();
        byte[] pdf;
        int pages;
        try
        {
            pdf = FormRenderer.Render(form, submission, RenderOptions, out pages);
        }
        catch (PrintCheckException e)
        {
            LogRenderRefused(_logger, Describe(form), e.Errors.Count, Pointers(e.Errors));
            throw;
        }
        catch (SubmissionInvalidException e)
        {
            LogRenderRefused(_logger, Describe(form), e.Report.Errors.Count, Pointers(e.Report.Errors));
            throw;
        }
        try
        {
            await output.WriteAsync(pdf, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw FormRenderer.WriteFailed(e);
        }
        LogRendered(_logger, Describe(form), submission is null ? "blank" : "filled", pages, pdf.Length, clock.Elapsed.TotalMilliseconds);
    }

    private RenderOptions RenderOptions => _options.Municipality is { } m ? _options.Render with { Municipality = m } : _options.Render;

    private ValidationOptions ValidationOptions => new()
    {
        Language = _options.Language,
        PrintCheck = new PrintCheck(_options.Render.Fonts.Get(_options.Render.FontName)),
        Limits = _options.Render.Limits, // the renderer validates again: both hold a submission to the same limits
    };

    private ValidationReport Logged(ProcedureForm form, ValidationReport report)
    {
        if (report.IsPrintable) LogValid(_logger, Describe(form));
        else if (report.IsValid) LogCannotPrint(_logger, Describe(form), report.PrintProblems.Count, Pointers(report.PrintProblems));
        else LogInvalid(_logger, Describe(form), report.Errors.Count, Pointers(report.Errors));
        return report;
    }

    private FormCatalog LoadCatalog()
    {
        var (catalog, source) = (_options.CatalogDirectory, _options.CatalogAssembly) switch
        {
            ({ } folder, _) => (FormCatalog.FromDirectory(folder), folder),
            (null, { } assembly) => (FormCatalog.FromEmbeddedResources(assembly, _options.CatalogResourcePrefix), $"{assembly.GetName().Name} resources"),
            _ => (FormCatalog.BuiltIn, "built-in"),
        };
        LogCatalogLoaded(_logger, catalog.Forms.Length, source);
        return catalog;
    }

    private static string Describe(ProcedureForm form) => form.Id is null ? form.Title : $"{form.Id} {form.Version}";

    // Pointers name fields, never their content (a 個人番号 never reaches a log).
    private static string Pointers(IReadOnlyList<ValidationError> errors) => string.Join(", ", errors.Select(e => $"{(e.Pointer.Length == 0 ? "/" : e.Pointer)} {e.Keyword}"));

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Loaded {Count} form(s) from {Source}.")]
    private static partial void LogCatalogLoaded(ILogger logger, int count, string source);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "A submission for {Form} is valid.")]
    private static partial void LogValid(ILogger logger, string form);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "A submission for {Form} is invalid: {Count} error(s) at {Pointers}.")]
    private static partial void LogInvalid(ILogger logger, string form, int count, string pointers);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Printed {Form} ({Mode}): {Pages} page(s), {Bytes} bytes in {Milliseconds:F1} ms.")]
    private static partial void LogRendered(ILogger logger, string form, string mode, int pages, int bytes, double milliseconds);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "A valid submission for {Form} cannot be printed on the form: {Count} value(s) at {Pointers} (the form's problem).")]
    private static partial void LogCannotPrint(ILogger logger, string form, int count, string pointers);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Refused to print {Form}: {Count} value(s) cannot be printed at {Pointers}.")]
    private static partial void LogRenderRefused(ILogger logger, string form, int count, string pointers);
}
