using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace ProcedureForms.Templates;

/// <summary>
/// A ward's official PDF, read once: its pages as they print (after <c>/Rotate</c> and the CropBox), its AcroForm
/// fields with rectangles in millimetres from each printed page's top-left corner, and each page's drawing, copied so
/// that every PDF printed over it reuses it. Immutable and thread-safe once read; the file is not kept open.
/// </summary>
/// <remarks>
/// Protection policy: a template restricted only by an owner password (printing or editing limits) is read, since a
/// ward prints the form it publishes; one that needs a user password to open is refused. XFA forms are refused (their
/// layout is not in the PDF's pages).
/// </remarks>
public sealed class TemplatePdf
{
    private TemplatePdf(string name, string sha256, IReadOnlyList<TemplatePage> pages, IReadOnlyList<TemplateField> fields, bool encrypted)
    {
        Name = name;
        Sha256 = sha256;
        Pages = pages;
        Fields = fields;
        OwnerRestricted = encrypted;
    }

    /// <summary>The file name the template was read from (or the name it was given).</summary>
    public string Name { get; }

    /// <summary>The SHA-256 of the file, in lower-case hex: what a definition pins.</summary>
    public string Sha256 { get; }

    /// <summary>The pages, as printed.</summary>
    public IReadOnlyList<TemplatePage> Pages { get; }

    /// <summary>The AcroForm fields in the order the file lists them; a radio group gives one entry per option.</summary>
    public IReadOnlyList<TemplateField> Fields { get; }

    /// <summary>Whether the file is encrypted with an owner password only (read under the policy above).</summary>
    public bool OwnerRestricted { get; }

    /// <summary>Reads a template from a file.</summary>
    /// <exception cref="TemplateException">The file cannot be used (see the message).</exception>
    public static TemplatePdf FromFile(string path, TemplateLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= TemplateLimits.Default;
        var name = Path.GetFileName(path);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new TemplateException(name, "the file does not exist.");
            if (info.Length > limits.MaxBytes)
                throw new TemplateException(name, $"the file is {info.Length:N0} bytes, over the limit of {limits.MaxBytes:N0} (TemplateLimits.MaxBytes).");
            return FromBytes(File.ReadAllBytes(path), name, limits);
        }
        catch (IOException e)
        {
            throw new TemplateException(name, $"the file cannot be read ({e.GetType().Name}).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new TemplateException(name, "the file cannot be read (access denied).", e);
        }
    }

    /// <summary>Reads a template from its bytes; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="TemplateException">The file cannot be used (see the message).</exception>
    public static TemplatePdf FromBytes(byte[] pdf, string name, TemplateLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(name);
        limits ??= TemplateLimits.Default;
        TemplateScan.Check(pdf, name, limits);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        // PDFsharp parses recursively: a thread of its own with a large stack, behind the nesting limit checked above.
        TemplatePdf? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = Read(pdf, name, sha256, limits);
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, 64 * 1024 * 1024);
        thread.Start();
        thread.Join();
        if (failure is TemplateException known) throw known;
        if (failure is not null) throw Damaged(name, failure);
        return result!;
    }

    private static TemplateException Damaged(string name, Exception e) => e switch
    {
        PdfReaderException when e.Message.Contains("password", StringComparison.OrdinalIgnoreCase) =>
            new TemplateException(name, "the file needs a password to open. Use a copy without a user (open) password; an owner password that only restricts printing or editing is accepted.", e),
        _ => new TemplateException(name, $"the file is damaged or not a PDF this library can read ({e.GetType().Name}).", e),
    };

    private static TemplatePdf Read(byte[] pdf, string name, string sha256, TemplateLimits limits)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf, writable: false), PdfDocumentOpenMode.Import);
        if (document.PageCount == 0) throw new TemplateException(name, "the file has no pages.");
        if (document.PageCount > limits.MaxPages)
            throw new TemplateException(name, $"the file has {document.PageCount} pages, over the limit of {limits.MaxPages} (TemplateLimits.MaxPages).");
        var acroForm = document.Internals.Catalog.Elements.GetDictionary("/AcroForm");
        if (acroForm?.Elements.ContainsKey("/XFA") == true)
            throw new TemplateException(name, "the file is an XFA form, whose layout is not in its pages. Export it from the authoring tool as a plain PDF (with AcroForm fields if it has any).");

        var pages = new List<TemplatePage>();
        var objects = new ImportedObjects();
        var budget = limits.MaxExpandedBytes;
        var byDictionary = new Dictionary<PdfDictionary, TemplatePage>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            var geometry = PageGeometry.Of(page);
            var templatePage = new TemplatePage(i + 1, Mm(geometry.Width), Mm(geometry.Height))
            {
                Geometry = geometry,
                Drawing = ImportedPage.From(page, i + 1, geometry, objects, name, limits.MaxObjects, ref budget),
            };
            pages.Add(templatePage);
            byDictionary[page] = templatePage;
        }
        var fields = new List<TemplateField>();
        if (acroForm?.Elements.GetArray("/Fields") is { } roots)
            new FieldWalker(byDictionary, fields).Walk(roots, "", null, 0, null, null, 0);
        var encrypted = pdf.AsSpan().IndexOf("/Encrypt"u8) >= 0;
        return new TemplatePdf(name, sha256, pages, fields, encrypted);
    }

    internal static double Mm(double points) => Math.Round(points / 72 * 25.4, 2);

    /// <summary>The template's pages and fields as <c>procforms template inspect --json</c> prints them.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("file", Name);
            json.WriteString("sha256", Sha256);
            json.WriteStartArray("pages");
            foreach (var page in Pages)
            {
                json.WriteStartObject();
                json.WriteNumber("number", page.Number);
                json.WriteNumber("widthMm", page.WidthMm);
                json.WriteNumber("heightMm", page.HeightMm);
                if (page.Geometry.Rotate != 0) json.WriteNumber("rotate", page.Geometry.Rotate);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("fields");
            foreach (var field in Fields)
            {
                json.WriteStartObject();
                json.WriteString("name", field.Name);
                json.WriteString("kind", field.Kind);
                if (field.Option is not null) json.WriteString("option", field.Option);
                json.WriteNumber("page", field.Page);
                json.WriteNumber("xMm", field.XMm);
                json.WriteNumber("yMm", field.YMm);
                json.WriteNumber("widthMm", field.WidthMm);
                json.WriteNumber("heightMm", field.HeightMm);
                if (field.MaxLength is { } maxLength) json.WriteNumber("maxLength", maxLength);
                if (field.Multiline) json.WriteBoolean("multiline", true);
                if (field.Options.Count > 0)
                {
                    json.WriteStartArray("options");
                    foreach (var option in field.Options) json.WriteStringValue(option);
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Walks the /AcroForm /Fields tree: names joined with dots, /FT and /Ff inherited from parents.</summary>
    private sealed class FieldWalker(Dictionary<PdfDictionary, TemplatePage> pages, List<TemplateField> fields)
    {
        private readonly HashSet<PdfDictionary> _seen = new(ReferenceEqualityComparer.Instance);

        public void Walk(PdfArray items, string prefix, string? type, int flags, PdfArray? options, int? maxLength, int depth)
        {
            if (depth > 32) return; // a field tree deeper than any form: a loop the seen set did not catch
            var index = -1;
            foreach (var item in items.Elements)
            {
                index++; // a kid's position pairs it with /Opt, whether or not it can be read
                if (Resolve(item) is not PdfDictionary field || !_seen.Add(field)) continue;
                var partial = PdfText.Decode(field.Elements["/T"]);
                var name = partial.Length == 0 ? prefix : prefix.Length == 0 ? partial : prefix + "." + partial;
                var fieldType = field.Elements.GetName("/FT") is { Length: > 0 } t ? t : type;
                var fieldFlags = field.Elements.ContainsKey("/Ff") ? field.Elements.GetInteger("/Ff") : flags;
                var fieldOptions = field.Elements.GetArray("/Opt") ?? options;
                var fieldMaxLength = field.Elements.ContainsKey("/MaxLen") ? field.Elements.GetInteger("/MaxLen") : maxLength;
                if (field.Elements.GetArray("/Kids") is { } kids && kids.Elements.Count > 0)
                {
                    Walk(kids, name, fieldType, fieldFlags, fieldOptions, fieldMaxLength, depth + 1);
                    continue;
                }
                Add(field, name, fieldType, fieldFlags, fieldOptions, fieldMaxLength, partial.Length == 0 ? index : -1);
            }
        }

        private void Add(PdfDictionary widget, string name, string? type, int flags, PdfArray? options, int? maxLength, int kidIndex)
        {
            if (Resolve(widget.Elements["/P"]) is not PdfDictionary pageDictionary || !pages.TryGetValue(pageDictionary, out var page))
                page = pages.Values.FirstOrDefault(p => PageHolds(p, widget)) ?? pages.Values.First();
            var rect = widget.Elements.GetArray("/Rect");
            if (rect is null || rect.Elements.Count < 4) return;
            var (x1, y1, x2, y2) = (Number(rect.Elements[0]), Number(rect.Elements[1]), Number(rect.Elements[2]), Number(rect.Elements[3]));
            var (left, top, width, height) = page.Geometry.ToPrinted(Math.Min(x1, x2), Math.Min(y1, y2), Math.Max(x1, x2), Math.Max(y1, y2));
            var kind = Kind(type, flags);
            string? option = null;
            var optionList = new List<string>();
            if (kind is "radio" or "checkbox")
            {
                var onState = OnState(widget);
                option = kind == "radio" && kidIndex >= 0 && options is not null && kidIndex < options.Elements.Count
                    ? OptionText(options.Elements[kidIndex])
                    : onState;
                if (kind == "checkbox") option = null;
            }
            else if (options is not null)
            {
                foreach (var item in options.Elements) optionList.Add(OptionText(item));
            }
            fields.Add(new TemplateField(name, kind, page.Number, TemplatePdf.Mm(left), TemplatePdf.Mm(top), TemplatePdf.Mm(width), TemplatePdf.Mm(height), maxLength, optionList)
            {
                Option = option,
                Multiline = kind == "text" && (flags & (1 << 12)) != 0,
                OnState = OnState(widget),
                RectPoints = (left, top, width, height),
            });
        }

        private bool PageHolds(TemplatePage page, PdfDictionary widget)
        {
            var dictionary = pages.First(p => p.Value == page).Key;
            return dictionary.Elements.GetArray("/Annots") is { } annots && annots.Elements.Any(a => ReferenceEquals(Resolve(a), widget));
        }

        private static string Kind(string? type, int flags) => type switch
        {
            "/Tx" when (flags & (1 << 24)) != 0 => "comb",
            "/Tx" => "text",
            "/Btn" when (flags & (1 << 16)) != 0 => "button",
            "/Btn" when (flags & (1 << 15)) != 0 => "radio",
            "/Btn" => "checkbox",
            "/Ch" => "choice",
            "/Sig" => "signature",
            _ => "text",
        };

        private static string? OnState(PdfDictionary widget) =>
            (Resolve(widget.Elements.GetDictionary("/AP")?.Elements["/N"]) as PdfDictionary)?.Elements.Keys.FirstOrDefault(k => k != "/Off") is { } state
                ? PdfText.DecodeName(state)
                : null;

        private static string OptionText(PdfItem item) => Resolve(item) switch
        {
            PdfArray pair when pair.Elements.Count >= 2 => PdfText.Decode(pair.Elements[1]),
            var other => PdfText.Decode(other),
        };
    }

    internal static PdfItem? Resolve(PdfItem? item)
    {
        for (var i = 0; i < 16 && item is PdfReference reference; i++) item = reference.Value;
        return item;
    }

    internal static double Number(PdfItem? item) => Clamp(Resolve(item) switch
    {
        PdfInteger i => i.Value,
        PdfReal r => r.Value,
        PdfLongInteger l => l.Value,
        PdfNumber n => double.TryParse(n.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0,
        _ => 0,
    });

    /// <summary>A coordinate kept to what a page can hold: a 400-digit number (Infinity) or NaN reads as 0, extremes as ±14,400 pt (PDF's largest page).</summary>
    internal static double Clamp(double value) => double.IsFinite(value) ? Math.Clamp(value, -14_400, 14_400) : 0;
}

/// <summary>One page of a template as it prints.</summary>
/// <param name="Number">1-based.</param>
/// <param name="WidthMm">The printed width (the CropBox, turned by /Rotate).</param>
/// <param name="HeightMm">The printed height.</param>
public sealed record TemplatePage(int Number, double WidthMm, double HeightMm)
{
    internal PageGeometry Geometry { get; init; } = null!;

    internal ImportedPage Drawing { get; init; } = null!;
}

/// <summary>One AcroForm field (or, for a radio group, one of its options) of a template.</summary>
/// <param name="Name">The fully qualified field name (parents joined with dots).</param>
/// <param name="Kind"><c>text</c>, <c>comb</c>, <c>checkbox</c>, <c>radio</c>, <c>choice</c>, <c>signature</c> or <c>button</c>.</param>
/// <param name="Page">The 1-based page of its widget.</param>
/// <param name="XMm">Left edge, mm from the printed page's left.</param>
/// <param name="YMm">Top edge, mm from the printed page's top.</param>
/// <param name="WidthMm">Width in mm.</param>
/// <param name="HeightMm">Height in mm.</param>
/// <param name="MaxLength">The field's /MaxLen, when it has one.</param>
/// <param name="Options">A choice's options as displayed.</param>
public sealed record TemplateField(string Name, string Kind, int Page, double XMm, double YMm, double WidthMm, double HeightMm, int? MaxLength, IReadOnlyList<string> Options)
{
    /// <summary>For a radio option, the value it stands for.</summary>
    public string? Option { get; init; }

    /// <summary>Whether a text field takes several lines.</summary>
    public bool Multiline { get; init; }

    internal string? OnState { get; init; }

    /// <summary>The rectangle in points from the printed page's top-left (unrounded).</summary>
    internal (double X, double Y, double Width, double Height) RectPoints { get; init; }
}
