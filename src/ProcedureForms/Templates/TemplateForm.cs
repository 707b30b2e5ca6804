using System.Reflection;
using ProcedureForms.Definitions;
using ProcedureForms.Definitions.Model;

namespace ProcedureForms.Templates;

/// <summary>A rectangle on a printed template page, in points from its top-left corner.</summary>
internal sealed record PlacedRect(int Page, double X, double Y, double Width, double Height)
{
    /// <summary>The AcroForm widget the rectangle came from, when placed by field name.</summary>
    public TemplateField? Widget { get; init; }

    public double Right => X + Width;
    public double Bottom => Y + Height;

    public bool Overlaps(PlacedRect other, double tolerance = 0.3) =>
        Page == other.Page && X + tolerance < other.Right && other.X + tolerance < Right && Y + tolerance < other.Bottom && other.Y + tolerance < Bottom;

    /// <summary>The rectangle <paramref name="points"/> lower: a later row of a table, which has no widget of its own.</summary>
    public PlacedRect Down(double points) => points == 0 ? this : this with { Y = Y + points, Widget = null };
}

/// <summary>One field's placement, resolved against the template: rectangles in points on the printed pages.</summary>
internal sealed record Placement(PlacementSpec Spec, FormNode Field, PlacedRect? Rect, IReadOnlyDictionary<string, PlacedRect> Options,
    PlacedRect? Year, PlacedRect? Month, PlacedRect? Day)
{
    /// <summary>Every rectangle this placement writes into.</summary>
    public IEnumerable<PlacedRect> Rects => new[] { Rect, Year, Month, Day }.OfType<PlacedRect>().Concat(Options.Values);
}

/// <summary>
/// A form printed on a template: the template read and pinned, and each field's placement resolved against it. Built
/// once when the form loads; every mistake (a field or AcroForm name that does not exist, a rectangle off the page, two
/// placements on one spot, an option with nowhere to go, a field with no place) is a load error naming where it is.
/// </summary>
internal sealed class TemplateForm
{
    private TemplateForm(TemplatePdf pdf, IReadOnlyList<Placement> placements, IReadOnlyList<(PlacementSpec Spec, PlacedRect Rect)> fixedTexts)
    {
        Pdf = pdf;
        Placements = placements;
        Fixed = fixedTexts;
    }

    /// <summary>Text printed on every copy, blank or filled (its <see cref="PlacementSpec.Target"/> is the text, with {municipality} and {head}).</summary>
    public IReadOnlyList<(PlacementSpec Spec, PlacedRect Rect)> Fixed { get; }

    /// <summary>The template.</summary>
    public TemplatePdf Pdf { get; }

    /// <summary>The placements, in the definition's order.</summary>
    public IReadOnlyList<Placement> Placements { get; }

    /// <summary>The embedded resources built-in forms take their templates from.</summary>
    internal const string ResourcePrefix = "ProcedureForms.Templates.";

    /// <summary>Reads the template <paramref name="spec"/> names and resolves the placements; problems go to <paramref name="errors"/>.</summary>
    public static TemplateForm? Load(TemplateSpec spec, FormModel model, Uri? baseUri, Assembly? resources, List<FormLoadError> errors)
    {
        TemplatePdf pdf;
        try
        {
            pdf = Read(spec.File, baseUri, resources);
        }
        catch (TemplateException e)
        {
            errors.Add(new FormLoadError("/template/file", e.Message));
            return null;
        }
        if (string.IsNullOrEmpty(spec.Sha256))
            errors.Add(new FormLoadError("/template/sha256", $"The template is not pinned: add \"sha256\": \"{pdf.Sha256}\" (what procforms template inspect prints), so a changed file is refused."));
        else if (spec.Sha256 != pdf.Sha256)
            errors.Add(new FormLoadError("/template/sha256", $"The template {pdf.Name} is not the file this definition was made for: its SHA-256 is {pdf.Sha256}, the definition pins {spec.Sha256}. Check the new template's layout, then update sha256."));

        var placements = new List<Placement>();
        foreach (var p in spec.Placements)
        {
            var node = model.Find(p.Target.EndsWith("/-", StringComparison.Ordinal) ? p.Target[..^1] + "0" : p.Target.Replace("/-/", "/0/", StringComparison.Ordinal));
            if (node is null)
            {
                errors.Add(new FormLoadError(p.Pointer, $"The form has no field {p.Target} to place."));
                continue;
            }
            if (p.Kind == "rows" && node.Item is null)
            {
                errors.Add(new FormLoadError(p.Pointer, $"{p.Target} is not a table (an array): only a table's placement is rows."));
                continue;
            }
            // A kind that cannot show the field's values would print nothing for a validated value.
            var mismatch = p.Kind switch
            {
                "tick" when p.Options.Count == 0 && node.Kind != FieldKind.Boolean => "a tick without options is for a yes/no (boolean) field; give options (each value's box) for a choice",
                "date" when node.Kind != FieldKind.Date => "a date placement is for a date field (format date or jp-era-date)",
                "circle" or "tick" when p.Options.Count > 0 && node.Kind is not (FieldKind.Choice or FieldKind.MultiChoice or FieldKind.Boolean) => "circled or ticked options are for a choice (enum) or a yes/no field",
                _ => null,
            };
            if (mismatch is not null)
            {
                errors.Add(new FormLoadError(p.Pointer, $"{p.Target} ({node.Label}): {mismatch}."));
                continue;
            }
            if (TableOf(p.Target) is { } table && !spec.Placements.Any(r => r.Kind == "rows" && r.Target == table))
            {
                errors.Add(new FormLoadError(p.Pointer, $"{p.Target} is a column of the table {table}, which has no rows placement (pitch and limit): add one."));
                continue;
            }
            var rect = p.Rect is null ? null : Resolve(p.Rect, pdf, errors);
            var options = new Dictionary<string, PlacedRect>(StringComparer.Ordinal);
            foreach (var (value, optionSpec) in p.Options)
                if (Resolve(optionSpec, pdf, errors) is { } optionRect) options[value] = optionRect;
            var placement = new Placement(p, node, rect, options,
                p.Year is null ? null : Resolve(p.Year, pdf, errors), p.Month is null ? null : Resolve(p.Month, pdf, errors), p.Day is null ? null : Resolve(p.Day, pdf, errors));
            var choices = node.Kind == FieldKind.MultiChoice && node.Item is { } item ? item.Options : node.Options;
            if (p.Kind is "circle" or "tick" && p.Options.Count > 0)
                foreach (var value in choices.Select(o => Key(o.Value)))
                    if (!options.ContainsKey(value))
                        errors.Add(new FormLoadError(p.Pointer + "/options", $"The option {value} of {p.Target} has no place on the template: every option a resident can choose must print."));
            placements.Add(placement);
        }

        // A table's last row must still be on its page.
        foreach (var rows in placements.Where(p => p.Spec.Kind == "rows"))
        {
            var drop = TemplateSpec.Points(rows.Spec.RowPitchMm ?? 0) * ((rows.Spec.RowLimit ?? 1) - 1);
            foreach (var column in placements.Where(p => TableOf(p.Spec.Target) == rows.Spec.Target))
                foreach (var rect in column.Rects)
                    if (rect.Bottom + drop > pdf.Pages[rect.Page - 1].Geometry.Height + 0.5)
                        errors.Add(new FormLoadError(rows.Spec.Pointer, $"Row {rows.Spec.RowLimit} of {rows.Spec.Target} would fall off page {rect.Page}: {column.Spec.Target} ends {TemplateSpec.Mm(rect.Bottom + drop)} mm down a {TemplateSpec.Mm(pdf.Pages[rect.Page - 1].Geometry.Height)} mm page. Lower limit or pitch."));
        }

        // What was validated is printed: a field with no place would be dropped without a word.
        var placed = spec.Placements.Select(p => p.Target).ToHashSet(StringComparer.Ordinal);
        foreach (var node in model.Nodes)
        {
            // A field of its own: not a block or a table; a multiple choice (an array of enum values) is one field.
            if (node.Parent is null || node.Children.Count > 0 || (node.Item is not null && node.Kind != FieldKind.MultiChoice)) continue;
            if (node.Parent is { Kind: FieldKind.MultiChoice }) continue;
            var path = SubmissionPath(node);
            if (!placed.Contains(path) && !spec.NotPrinted.Contains(path))
                errors.Add(new FormLoadError("/template/placements", $"The field {path} ({node.Label}) has no place on the template: place it, or list it in notPrinted if the paper form has no box for it."));
        }

        // Two placements on one spot would print one value over another: a table's every row counts, and fixed text too.
        var fixedTexts = spec.Fixed.Select(f => (f, f.Rect is null ? null : Resolve(f.Rect, pdf, errors))).Where(f => f.Item2 is not null).Select(f => (f.f, f.Item2!)).ToList();
        var pitches = placements.Where(p => p.Spec.Kind == "rows").ToDictionary(p => p.Spec.Target, p => (Pitch: TemplateSpec.Points(p.Spec.RowPitchMm ?? 0), Limit: Math.Max(1, p.Spec.RowLimit ?? 1)));
        var rects = placements.Where(p => p.Spec.Kind != "rows")
            .SelectMany(p => p.Rects.SelectMany(r => TableOf(p.Spec.Target) is { } table && pitches.TryGetValue(table, out var rows)
                ? Enumerable.Range(0, rows.Limit).Select(k => (Placement: p, Rect: r.Down(k * rows.Pitch)))
                : [(Placement: p, Rect: r)]))
            .Concat(fixedTexts.Select(f => (Placement: new Placement(f.f, model.Root, f.Item2, new Dictionary<string, PlacedRect>(), null, null, null), Rect: f.Item2)))
            .ToList();
        for (var i = 0; i < rects.Count; i++)
            for (var j = i + 1; j < rects.Count; j++)
                if (rects[i].Placement != rects[j].Placement && rects[i].Rect.Overlaps(rects[j].Rect))
                {
                    errors.Add(new FormLoadError(rects[j].Placement.Spec.Pointer, $"{Name(rects[j].Placement)} is placed over {Name(rects[i].Placement)} (page {rects[i].Rect.Page}): one value would print over the other."));
                    i = rects.Count;
                    break;
                }
        return new TemplateForm(pdf, placements, fixedTexts);
    }

    /// <summary>How a placement is named in messages: its field's pointer, or its fixed text.</summary>
    private static string Name(Placement placement) => placement.Spec.Pointer.Contains("/fixed/", StringComparison.Ordinal) ? $"the fixed text \"{placement.Spec.Target}\"" : placement.Spec.Target;

    /// <summary>The table a row placement belongs to ("/children" for "/children/-/name" and for "/names/-"), or null.</summary>
    public static string? TableOf(string target)
    {
        var dash = target.IndexOf("/-/", StringComparison.Ordinal);
        if (dash >= 0) return target[..dash];
        return target.EndsWith("/-", StringComparison.Ordinal) ? target[..^2] : null;
    }

    /// <summary>A field's pointer into a submission, with "-" for every row of a table.</summary>
    public static string SubmissionPath(FormNode node)
    {
        var segments = new Stack<string>();
        for (var current = node; current.Parent is { } parent; current = parent)
            segments.Push(ReferenceEquals(parent.Item, current) ? "-" : current.Name);
        return segments.Count == 0 ? "" : "/" + string.Join('/', segments.Select(s => s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
    }

    /// <summary>The key a value's place has in <c>options</c>: a string as it is, anything else as its JSON.</summary>
    public static string Key(System.Text.Json.JsonElement value) =>
        value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static TemplatePdf Read(string file, Uri? baseUri, Assembly? resources)
    {
        if (baseUri is { IsFile: true })
        {
            var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(baseUri.LocalPath) ?? ".", file));
            if (File.Exists(path) || resources is null) return TemplatePdf.FromFile(path);
        }
        // A form embedded in an app's assembly (resource://Assembly/name) finds its template among that assembly's resources.
        if (baseUri is { Scheme: "resource" } && AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == baseUri.Host) is { } owner &&
            owner.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith("." + Path.GetFileName(file), StringComparison.Ordinal) || n == Path.GetFileName(file)) is { } name &&
            owner.GetManifestResourceStream(name) is { } own)
            return FromResource(own, file);
        if (resources?.GetManifestResourceStream(ResourcePrefix + Path.GetFileName(file)) is { } stream) return FromResource(stream, file);
        throw new TemplateException(file, "the file is not found: a template path is relative to the definition's file (a definition read from text has none; load it with ProcedureForm.FromFile).");
    }

    private static TemplatePdf FromResource(Stream stream, string file)
    {
        using (stream)
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            return TemplatePdf.FromBytes(copy.ToArray(), Path.GetFileName(file));
        }
    }

    private static PlacedRect? Resolve(RectSpec spec, TemplatePdf pdf, List<FormLoadError> errors)
    {
        if (spec.Field is { } name)
        {
            var matches = pdf.Fields.Where(f => f.Name == name).ToList();
            if (matches.Count == 0)
            {
                var near = pdf.Fields.Select(f => f.Name).Distinct().OrderBy(n => Definitions.Lint.KeywordChecks.Distance(n, name)).FirstOrDefault();
                errors.Add(new FormLoadError(spec.Pointer, $"The template has no AcroForm field \"{name}\"{(near is null ? " (it has no fields: place by page and rect)" : $"; did you mean \"{near}\"?")}"));
                return null;
            }
            if (spec.Option is { } option)
            {
                matches = matches.Where(f => f.Option == option).ToList();
                if (matches.Count == 0)
                {
                    errors.Add(new FormLoadError(spec.Pointer, $"The field \"{name}\" has no option \"{option}\"; it has {string.Join(", ", pdf.Fields.Where(f => f.Name == name).Select(f => f.Option))}."));
                    return null;
                }
            }
            var field = matches[0];
            var widgetPage = pdf.Pages[field.Page - 1].Geometry;
            if (field.RectPoints.X < -0.5 || field.RectPoints.Y < -0.5 || field.RectPoints.X + field.RectPoints.Width > widgetPage.Width + 0.5 || field.RectPoints.Y + field.RectPoints.Height > widgetPage.Height + 0.5)
            {
                errors.Add(new FormLoadError(spec.Pointer, $"The AcroForm field \"{name}\" lies outside its page {field.Page}: place the value by page and rect instead."));
                return null;
            }
            return new PlacedRect(field.Page, field.RectPoints.X, field.RectPoints.Y, field.RectPoints.Width, field.RectPoints.Height) { Widget = field };
        }
        if (spec.Page < 1 || spec.Page > pdf.Pages.Count)
        {
            errors.Add(new FormLoadError(spec.Pointer + "/page", $"The template has pages 1 to {pdf.Pages.Count}, not {spec.Page}."));
            return null;
        }
        var mm = spec.RectMm!;
        var page = pdf.Pages[spec.Page - 1];
        if (mm[0] < 0 || mm[1] < 0 || mm[0] + mm[2] > page.WidthMm + 0.05 || mm[1] + mm[3] > page.HeightMm + 0.05)
        {
            errors.Add(new FormLoadError(spec.Pointer + "/rect", $"The rectangle goes off page {spec.Page} ({page.WidthMm:0.#} x {page.HeightMm:0.#} mm)."));
            return null;
        }
        return new PlacedRect(spec.Page, TemplateSpec.Points(mm[0]), TemplateSpec.Points(mm[1]), TemplateSpec.Points(mm[2]), TemplateSpec.Points(mm[3]));
    }
}
