using ProcedureForms.Definitions.Model;
using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Rendering.Layout;
using ProcedureForms.Rendering.Pdf;
using ProcedureForms.Validation;

namespace ProcedureForms.Rendering;

/// <summary>
/// Prints official PDF forms from a definition: filled from a submission, or blank for handwriting. Thread-safe; fonts
/// are loaded once per process and subset per document.
/// </summary>
public static class FormRenderer
{
    /// <summary>Renders <paramref name="form"/> filled from <paramref name="submission"/>, or blank when it is null.</summary>
    /// <exception cref="PrintCheckException">Some text cannot be drawn with the chosen font; nothing is written.</exception>
    /// <exception cref="SubmissionInvalidException">The submission does not validate (see <see cref="RenderOptions.Unvalidated"/>); nothing is written.</exception>
    public static byte[] Render(ProcedureForm form, JsonElement? submission, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        using var output = new PooledBufferStream(InitialPdfCapacity);
        Render(form, submission, output, options);
        return output.ToArray();
    }

    /// <summary>
    /// Renders into <paramref name="output"/> asynchronously: the PDF is made in memory (CPU work), then written with
    /// <see cref="Stream.WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>, so a slow client or disk holds no thread.
    /// </summary>
    /// <exception cref="PrintCheckException">Some text cannot be printed; nothing is written.</exception>
    /// <exception cref="SubmissionInvalidException">The submission does not validate (see <see cref="RenderOptions.Unvalidated"/>); nothing is written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before or while writing.</exception>
    public static async Task RenderAsync(ProcedureForm form, JsonElement? submission, Stream output, RenderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite) throw new ArgumentException("The output stream cannot be written to.", nameof(output));
        cancellationToken.ThrowIfCancellationRequested();
        var pdf = Render(form, submission, options);
        try
        {
            await output.WriteAsync(pdf, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw WriteFailed(e);
        }
    }

    /// <summary>Renders into <paramref name="output"/>.</summary>
    /// <exception cref="PrintCheckException">Some text cannot be drawn with the chosen font; nothing is written.</exception>
    /// <exception cref="SubmissionInvalidException">The submission does not validate (see <see cref="RenderOptions.Unvalidated"/>); nothing is written.</exception>
    /// <exception cref="IOException">Writing to <paramref name="output"/> failed (the process is unaffected; the output is incomplete).</exception>
    public static void Render(ProcedureForm form, JsonElement? submission, Stream output, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(output);
        RenderMany([(form, submission)], output, options);
    }

    /// <summary>
    /// Renders several forms into one PDF (pages in order), e.g. a day's submissions. <paramref name="documents"/> is
    /// enumerated twice (once to check and collect the characters for the font subset, once to draw; a sequence of a
    /// few pages is kept from the first pass instead) and no other page is kept: memory stays flat however many pages,
    /// PDF/A included.
    /// </summary>
    /// <exception cref="PrintCheckException">Some text cannot be drawn with the chosen font; nothing is written.</exception>
    /// <exception cref="SubmissionInvalidException">The submission does not validate (see <see cref="RenderOptions.Unvalidated"/>); nothing is written.</exception>
    public static void RenderMany(IEnumerable<(ProcedureForm Form, JsonElement? Submission)> documents, Stream output, RenderOptions? options = null) =>
        RenderMany(documents, output, options, CancellationToken.None);

    /// <summary>
    /// <see cref="RenderMany(IEnumerable{ValueTuple{ProcedureForm, JsonElement?}}, Stream, RenderOptions?)"/> that stops
    /// between documents when <paramref name="cancellationToken"/> fires (the output is then incomplete and should be discarded).
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static void RenderMany(IEnumerable<(ProcedureForm Form, JsonElement? Submission)> documents, Stream output, RenderOptions? options, CancellationToken cancellationToken) =>
        RenderCounted(Unlabelled(documents), output, options, cancellationToken);

    /// <summary>
    /// <see cref="RenderMany(IEnumerable{ValueTuple{ProcedureForm, JsonElement?}}, Stream, RenderOptions?, CancellationToken)"/>
    /// with each document's label (受付番号 or a line number): a file of several documents gets a bookmark for each,
    /// titled with its label and its form's title, and its pages are labelled by document (3-1, 3-2 for the third),
    /// so staff can jump through a day's print. Null labels number the documents from 1.
    /// </summary>
    /// <exception cref="PrintCheckException">Some text cannot be printed; nothing is written.</exception>
    /// <exception cref="SubmissionInvalidException">A submission does not validate; nothing is written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static void RenderManyLabelled(IEnumerable<(ProcedureForm Form, JsonElement? Submission, string? Label)> documents, Stream output, RenderOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        RenderCounted(documents, output, options, cancellationToken);
    }

    private static IEnumerable<(ProcedureForm Form, JsonElement? Submission, string? Label)> Unlabelled(IEnumerable<(ProcedureForm Form, JsonElement? Submission)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return documents.Select(d => (d.Form, d.Submission, (string?)null));
    }

    /// <summary>
    /// Renders each document to a PDF of its own on up to <paramref name="maxDegreeOfParallelism"/> threads (0: one per
    /// core), and yields the results in input order as they are ready, each the same bytes a sequential run gives. A
    /// document that does not validate or cannot be printed is a result with its errors, not an exception: the batch goes
    /// on. <paramref name="documents"/> is read once, lazily, by several threads in turn.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled (results already yielded stand).</exception>
    public static IEnumerable<BatchResult> RenderEach(IEnumerable<(ProcedureForm Form, JsonElement? Submission)> documents, RenderOptions? options = null,
        int maxDegreeOfParallelism = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDegreeOfParallelism);
        if (options is { Fonts: null }) throw new ArgumentException("RenderOptions.Fonts is null: give a FontRegistry (FontRegistry.Default).", nameof(options));
        return Each(documents, options ?? RenderOptions.Default, maxDegreeOfParallelism == 0 ? Environment.ProcessorCount : Math.Min(maxDegreeOfParallelism, 512), cancellationToken);
    }

    private static IEnumerable<BatchResult> Each(IEnumerable<(ProcedureForm Form, JsonElement? Submission)> documents, RenderOptions options, int threads, CancellationToken cancellationToken)
    {
        var results = documents.Select((d, i) => (d.Form, d.Submission, Index: i))
            .AsParallel().AsOrdered()
            .WithDegreeOfParallelism(threads)
            .WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .WithCancellation(cancellationToken)
            .Select(d => One(d.Form, d.Submission, d.Index, options));
        foreach (var result in results)
        {
            // A failure that is not the document's (a caller's mistake, a bug) is thrown where a sequential run would
            // throw it: after every earlier document's result.
            result.Failure?.Throw();
            yield return result;
        }
    }

    private static BatchResult One(ProcedureForm form, JsonElement? submission, int index, RenderOptions options)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(form, nameof(form));
            var pdf = Render(form, submission, options, out var pages);
            return new BatchResult(index, pdf, pages, []);
        }
        catch (PrintCheckException e)
        {
            return new BatchResult(index, null, 0, e.Errors);
        }
        catch (SubmissionInvalidException e)
        {
            return new BatchResult(index, null, 0, e.Report.Errors);
        }
        catch (SubmissionFormatException e)
        {
            return new BatchResult(index, null, 0, [new ValidationError("", "format", form.Title, e.Message)]);
        }
        catch (Exception e)
        {
            return new BatchResult(index, null, 0, []) { Failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e) };
        }
    }

    /// <summary>Renders one document to bytes and tells how many pages it has (for logs).</summary>
    internal static byte[] Render(ProcedureForm form, JsonElement? submission, RenderOptions? options, out int pages)
    {
        using var output = new PooledBufferStream(InitialPdfCapacity);
        pages = RenderCounted([(form, submission, null)], output, options, CancellationToken.None);
        return output.ToArray();
    }

    /// <returns>The number of pages written.</returns>
    private static int RenderCounted(IEnumerable<(ProcedureForm Form, JsonElement? Submission, string? Label)> documents, Stream output, RenderOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite) throw new ArgumentException("The output stream cannot be written to.", nameof(output));
        if (options is { Fonts: null }) throw new ArgumentException("RenderOptions.Fonts is null: give a FontRegistry (FontRegistry.Default).", nameof(options));
        options ??= RenderOptions.Default;
        var pageCount = 0;
        var font = options.Fonts.Get(options.FontName);
        // Sized for a form's few hundred characters, so the sets do not grow through every size on the way.
        var codePoints = new HashSet<int>(512);
        var extraCodePoints = new HashSet<int>(64);
        var extraGlyphs = new HashSet<uint>();
        var extraClusters = new Dictionary<uint, string>();
        // The values' shaped glyphs, kept for the drawing while the documents are few (the common call: one form).
        Dictionary<string, (uint, uint, int, int, int)[]>? shapedTexts = new(StringComparer.Ordinal);
        ProcedureForm? first = null;
        // One sheet per form and options for the whole call: another thread evicting the form's cache mid-way must not
        // give two documents of one PDF two copies of the same font subset.
        var sheets = new Dictionary<(ProcedureForm, LayoutOptions), FormSheet>();
        // The check pass keeps the layouts of the first few pages: a single form (the common call) is then laid out
        // once, while a long merge still lays each document out again when drawing, so memory stays flat.
        var kept = new List<(LayoutDocument, FormSheet)>();
        var keptPages = 0;
        var keptAll = true;
        var index = 0;
        foreach (var (form, submission, label) in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index++;
            if (first is not null && options.KeepFillable)
                throw new ArgumentException("RenderOptions.KeepFillable makes one document's PDF: fields of several residents in one AcroForm would share names. Render each document on its own (RenderEach).", nameof(options));
            first ??= form;
            if (options.PdfA && form.Template is not null)
                throw new ArgumentException($"PDF/A cannot be claimed for {form.Title}: it prints on a template PDF, whose fonts and content this library does not control. Render it without PdfA.", nameof(options));
            Precheck(form, submission, options);
            var (layout, sheet) = LayoutWithSheet(form, submission, options, font, sheets);
            layout = layout with { Label = Label(label, index, form) };
            CheckPrintable(form, submission, layout, font, options);
            PdfDocumentWriter.CollectCodePoints(layout, codePoints);
            PdfDocumentWriter.CollectExtra(layout, sheet, font, extraCodePoints, extraGlyphs, extraClusters, shapedTexts);
            if (keptAll && keptPages + layout.Pages.Count <= KeptPages)
            {
                kept.Add((layout, sheet));
                keptPages += layout.Pages.Count;
            }
            else
            {
                keptAll = false;
                kept.Clear();
                Forget(shapedTexts);
                shapedTexts = null; // a long merge keeps nothing per document
            }
        }
        if (first is null) throw new ArgumentException("Nothing to render.", nameof(documents));

        var subject = first.Id is null ? first.Title : $"{first.Id} {first.Version}";
        var info = new PdfInfo(first.Title, subject, options.Timestamp, options.PdfA);
        var layouts = keptAll
            ? kept.Select(drawn =>
            {
                pageCount += drawn.Item1.Pages.Count;
                return drawn;
            })
            : documents.Select((d, i) =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var drawn = LayoutWithSheet(d.Form, d.Submission, options, font, sheets);
                pageCount += drawn.Layout.Pages.Count;
                return (drawn.Layout with { Label = Label(d.Label, i + 1, d.Form) }, drawn.Sheet);
            });
        try
        {
            PdfDocumentWriter.Write(layouts, codePoints, extraCodePoints, extraGlyphs, extraClusters, font, info, output, shapedTexts);
        }
        finally
        {
            Forget(shapedTexts);
        }
        return pageCount;
    }

    /// <summary>A document's bookmark: its label (or its number) and its form's title.</summary>
    private static string Label(string? label, int index, ProcedureForm form) =>
        $"{(string.IsNullOrWhiteSpace(label) ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : label.Trim())}　{form.Title}";

    // A one- or two-page form is 50–70 KB: a pooled buffer of that size is seldom grown.
    private const int InitialPdfCapacity = 128 * 1024;

    // Layouts kept from the check pass for drawing, in pages: a few forms' worth (a page's layout is tens of KB).
    private const int KeptPages = 16;

    /// <summary>Clears kept glyph ids (they map back to a resident's text) once the drawing is done.</summary>
    private static void Forget(Dictionary<string, (uint, uint, int, int, int)[]>? shapedTexts)
    {
        if (shapedTexts is null) return;
        foreach (var glyphs in shapedTexts.Values) Array.Clear(glyphs);
        shapedTexts.Clear();
    }

    /// <summary>The caller's contract for a failed write: an <see cref="IOException"/> with the stream's own exception inside.</summary>
    internal static IOException WriteFailed(Exception e) => e is IOException io
        ? new IOException($"Writing the PDF failed: {io.Message}", io)
        : new IOException($"Writing the PDF failed: the output stream threw {e.GetType().Name}.", e);

    /// <summary>The page layout the PDF is drawn from (what goes where), for tests and tools.</summary>
    public static LayoutDocument Layout(ProcedureForm form, JsonElement? submission, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        options ??= RenderOptions.Default;
        Precheck(form, submission, options);
        return Layout(form, submission, options, options.Fonts.Get(options.FontName));
    }

    /// <summary>
    /// What must hold before a submission is laid out at all, drafts included: its text is readable, and it is within
    /// the limits (they bound the cost of laying out too). Once per document, in the check pass.
    /// </summary>
    private static void Precheck(ProcedureForm form, JsonElement? submission, RenderOptions options)
    {
        if (submission is not { } s) return;
        var scan = SubmissionScan.Run(s, options.Limits);
        if (scan.Unreadable) throw SubmissionReader.UnpairedSurrogate();
        if (scan.Exceeded.Count > 0)
            throw new SubmissionInvalidException(form.Validate(s, new ValidationOptions { Limits = options.Limits }));
    }

    private static LayoutDocument Layout(ProcedureForm form, JsonElement? submission, RenderOptions options, FormFont font) =>
        LayoutWithSheet(form, submission, options, font).Layout;

    /// <summary>Lays a document out with its form's sheet (the form's own text measured once, and its font subset).</summary>
    private static (LayoutDocument Layout, FormSheet Sheet) LayoutWithSheet(ProcedureForm form, JsonElement? submission, RenderOptions options, FormFont font,
        Dictionary<(ProcedureForm, LayoutOptions), FormSheet>? sheets = null)
    {
        var layoutOptions = new LayoutOptions
        {
            Municipality = options.Municipality,
            MaskMyNumber = options.MaskMyNumber,
            Example = options.Example,
            Draft = options.Unvalidated && submission is not null,
            KeepFillable = options.KeepFillable && form.Template is not null,
            Untagged = options.Untagged,
        };
        if (sheets is null || !sheets.TryGetValue((form, layoutOptions), out var sheet))
        {
            sheet = FormSheet.For(form, font, layoutOptions);
            sheets?.Add((form, layoutOptions), sheet);
        }
        var measurer = sheet.Measurer(font);
        var layout = form.Template is null
            ? new FormLayoutEngine(measurer).Layout(form, submission, layoutOptions)
            : new TemplateLayout(measurer).Layout(form, submission, layoutOptions);
        return (layout, sheet);
    }

    /// <summary>
    /// Before anything is drawn: every string of the submission (worded as validation words it), and then every text the
    /// layout draws, whether it came from the submission or from the form itself, must be printable.
    /// </summary>
    /// <exception cref="SubmissionInvalidException">The submission does not validate and the caller did not ask for a draft.</exception>
    private static void CheckPrintable(ProcedureForm form, JsonElement? submission, LayoutDocument layout, FormFont font, RenderOptions options)
    {
        var leaveUnfittedBlank = options.LeaveUnfittedBlank;
        var check = new PrintCheck(font);
        var errors = new List<ValidationError>();
        if (submission is { } s && !options.Prevalidated)
        {
            var report = form.Validate(s, new ValidationOptions { PrintCheck = check, SkipLayoutCheck = true, Limits = options.Limits });
            // What is printed is what was validated: an invalid submission is refused unless a draft was asked for.
            if (!options.Unvalidated && !report.IsValid) throw new SubmissionInvalidException(report);
            errors.AddRange(report.PrintProblems);
            // A draft still refuses what no sheet can print or what would print one of two readings.
            errors.AddRange(report.Errors.Where(e => e.Keyword is "character" or "duplicate" or "number-length" or "number-range" || e.Keyword.StartsWith("limit:", StringComparison.Ordinal)));
        }
        if (layout.Pages.Count > options.MaxPages)
            errors.Add(new ValidationError("", "limit:maxPages", form.Title,
                $"印刷すると{layout.Pages.Count}ページになり、上限（{options.MaxPages}ページ：RenderOptions.MaxPages）を超えます。"));
        var reported = errors.Select(e => e.Pointer).ToHashSet();
        var tooLong = new List<ValidationError>();
        foreach (var problem in leaveUnfittedBlank ? [] : layout.Problems)
            if (reported.Add(problem.Pointer))
            {
                if (SubmissionValidator.ResidentsToShorten(form, problem.Pointer, submission))
                {
                    tooLong.Add(SubmissionValidator.TooLongForItsBox(form, problem, MessageLanguage.Japanese));
                    continue;
                }
                errors.Add(SubmissionValidator.PrintProblem(form, problem, MessageLanguage.Japanese));
            }
        foreach (var item in layout.Pages.SelectMany(p => p.Drawn).OfType<TextItem>().DistinctBy(t => (t.Text, t.Source)))
        {
            if (check.FindUnprintable(item.Text) is not { } bad) continue;
            if (item.Source is { } pointer)
            {
                if (reported.Add(pointer))
                    errors.Add(new ValidationError(pointer, "print", form.Labels.For(pointer, MessageLanguage.Japanese),
                        $"「{form.Labels.For(pointer, MessageLanguage.Japanese)}」の {bad.CodePointText} は印刷に使う書体（{font.Name}）で印刷できません。"));
            }
            else
            {
                errors.Add(new ValidationError("", "print", form.Title,
                    $"The form's own text 「{item.Text}」 holds {bad.CodePointText}, which {font.Name} cannot draw ({bad.Reason})."));
            }
        }
        // Too long for a box the schema does not bound is the resident's error, as validation with the print check says.
        if (tooLong.Count > 0 && !options.Unvalidated) throw new SubmissionInvalidException(new ValidationReport(tooLong));
        errors.AddRange(tooLong);
        if (errors.Count > 0) throw new PrintCheckException(errors);
    }
}
