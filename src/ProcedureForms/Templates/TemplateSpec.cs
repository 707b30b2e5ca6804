using System.Globalization;
using System.Text.Json;
using ProcedureForms.Definitions;

namespace ProcedureForms.Templates;

/// <summary>Where a value goes: an AcroForm field of the template (and, for a radio group, one option), or a page and a rectangle in mm.</summary>
internal sealed record RectSpec(string Pointer, string? Field, string? Option, int Page, double[]? RectMm);

/// <summary>How one field of the form prints on its template, as the definition's <c>template.placements</c> says.</summary>
internal sealed record PlacementSpec(string Target, string Pointer, string Kind, RectSpec? Rect)
{
    public string Align { get; init; } = "left";
    public double? Size { get; init; }
    public double MinSize { get; init; } = 6;
    public int? Count { get; init; }
    public double? PitchMm { get; init; }
    public IReadOnlyDictionary<string, RectSpec> Options { get; init; } = new Dictionary<string, RectSpec>();
    public RectSpec? Year { get; init; }
    public RectSpec? Month { get; init; }
    public RectSpec? Day { get; init; }
    public double? RowPitchMm { get; init; }
    public int? RowLimit { get; init; }

    /// <summary>For table rows: whether rows past <see cref="RowLimit"/> go on a continuation sheet (別紙) rather than refuse the document.</summary>
    public bool Continuation { get; init; }
}

/// <summary>
/// A definition's <c>template</c>: the official PDF the form prints on (its file, relative to the definition, and the
/// SHA-256 it is pinned to) and where each field's value goes. Read by the form model at load; the placements are
/// checked against the template itself when it is read (<see cref="TemplateForm"/>).
/// </summary>
internal sealed record TemplateSpec(string File, string? Sha256, IReadOnlyList<PlacementSpec> Placements)
{
    /// <summary>Fields the designer chose not to print (<c>notPrinted</c>): every other field must have a place.</summary>
    public IReadOnlyList<string> NotPrinted { get; init; } = [];

    /// <summary>Text the form always prints on the template (<c>fixed</c>), such as the municipality in an addressee line left blank.</summary>
    public IReadOnlyList<PlacementSpec> Fixed { get; init; } = [];

    /// <summary>The kinds of placement.</summary>
    public static readonly string[] Kinds = ["text", "multiline", "boxes", "circle", "tick", "date", "rows"];

    /// <summary>Reads <c>template</c> from a definition's root; null when it has none. Shape errors go to <paramref name="errors"/>.</summary>
    public static TemplateSpec? Read(JsonElement definition, List<FormLoadError> errors)
    {
        if (definition.ValueKind != JsonValueKind.Object || !definition.TryGetProperty("template", out var template)) return null;
        const string at = "/template";
        if (template.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FormLoadError(at, "template must be an object with file, sha256 and placements."));
            return null;
        }
        var file = template.TryGetProperty("file", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : null;
        if (string.IsNullOrWhiteSpace(file)) errors.Add(new FormLoadError(at + "/file", "template.file must name the template PDF (a path relative to the definition)."));
        var sha = template.TryGetProperty("sha256", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()!.ToLowerInvariant() : null;
        if (sha is { Length: > 0 } && (sha.Length != 64 || !sha.All(Uri.IsHexDigit)))
            errors.Add(new FormLoadError(at + "/sha256", "template.sha256 must be the template's SHA-256 in 64 hex digits, as procforms template inspect prints it."));
        var placements = new List<PlacementSpec>();
        if (template.TryGetProperty("placements", out var map) && map.ValueKind == JsonValueKind.Object)
            foreach (var entry in map.EnumerateObject())
            {
                var pointer = JsonPointers.Append(at + "/placements", entry.Name);
                if (!entry.Name.StartsWith('/'))
                {
                    errors.Add(new FormLoadError(pointer, $"A placement is keyed by the field's JSON Pointer into the submission (e.g. /applicant/name), not \"{entry.Name}\"."));
                    continue;
                }
                if (Placement(entry.Name, entry.Value, pointer, errors) is { } placement) placements.Add(placement);
            }
        else errors.Add(new FormLoadError(at + "/placements", "template.placements must map each printed field's pointer to where it goes."));
        var fixedTexts = new List<PlacementSpec>();
        if (template.TryGetProperty("fixed", out var fixedList) && fixedList.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var entry in fixedList.EnumerateArray())
            {
                var pointer = $"{at}/fixed/{index++}";
                if (String(entry, "text") is not { Length: > 0 } text)
                {
                    errors.Add(new FormLoadError(pointer, "A fixed entry prints text: {\"text\": \"{municipality}\", \"page\": 1, \"rect\": [x, y, width, height]}."));
                    continue;
                }
                if (Placement(text, entry, pointer, errors) is { Kind: "text" } placement) fixedTexts.Add(placement);
                else errors.Add(new FormLoadError(pointer, "A fixed entry is one line of text (kind text)."));
            }
        }
        var notPrinted = template.TryGetProperty("notPrinted", out var skip) && skip.ValueKind == JsonValueKind.Array
            ? skip.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
        return file is null ? null : new TemplateSpec(file, sha, placements) { NotPrinted = notPrinted, Fixed = fixedTexts };
    }

    private static PlacementSpec? Placement(string target, JsonElement value, string pointer, List<FormLoadError> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FormLoadError(pointer, "A placement is an object: {\"field\": \"AcroForm name\"} or {\"page\": 1, \"rect\": [x, y, width, height]} (mm), with its kind."));
            return null;
        }
        var kind = String(value, "kind") ?? (value.TryGetProperty("options", out _) ? "circle" : "text");
        if (!Kinds.Contains(kind))
        {
            errors.Add(new FormLoadError(pointer + "/kind", $"Unknown placement kind \"{kind}\"; one of {string.Join(", ", Kinds)}."));
            return null;
        }
        // A choice placed option by option, a date in parts and a table need no rectangle of their own.
        var parts = kind is "circle" or "date" or "rows" || (kind == "tick" && value.TryGetProperty("options", out _));
        var rect = parts && !value.TryGetProperty("field", out _) && !value.TryGetProperty("rect", out _)
            ? null
            : Rect(value, pointer, errors);
        if (!parts && rect is null) return null;
        var options = new Dictionary<string, RectSpec>(StringComparer.Ordinal);
        if (value.TryGetProperty("options", out var optionMap) && optionMap.ValueKind == JsonValueKind.Object)
            foreach (var option in optionMap.EnumerateObject())
                if (Rect(option.Value, JsonPointers.Append(pointer + "/options", option.Name), errors) is { } optionRect) options[option.Name] = optionRect;
        if (kind is "circle" && options.Count == 0)
            errors.Add(new FormLoadError(pointer + "/options", "A circled choice needs options: each value with the place of its printed option."));
        var eras = new Dictionary<string, RectSpec>(StringComparer.Ordinal);
        if (kind == "date" && value.TryGetProperty("eras", out var eraMap) && eraMap.ValueKind == JsonValueKind.Object)
            foreach (var era in eraMap.EnumerateObject())
                if (Rect(era.Value, JsonPointers.Append(pointer + "/eras", era.Name), errors) is { } eraRect) eras[era.Name] = eraRect;
        RectSpec? Part(string name) => value.TryGetProperty(name, out var part) ? Rect(part, pointer + "/" + name, errors) : null;
        var spec = new PlacementSpec(target, pointer, kind, rect)
        {
            Align = String(value, "align") ?? (kind == "boxes" ? "left" : "left"),
            Size = Number(value, "size"),
            MinSize = Number(value, "minSize") ?? 6,
            Count = (int?)Number(value, "count"),
            PitchMm = Number(value, "pitch"),
            Options = kind == "date" ? eras : options,
            Year = kind == "date" ? Part("year") : null,
            Month = kind == "date" ? Part("month") : null,
            Day = kind == "date" ? Part("day") : null,
            RowPitchMm = kind == "rows" ? Number(value, "pitch") : null,
            RowLimit = kind == "rows" ? (int?)Number(value, "limit") : null,
            Continuation = kind == "rows" && String(value, "overflow") == "continuation",
        };
        if (kind == "rows" && String(value, "overflow") is { } overflow && overflow is not ("error" or "continuation"))
            errors.Add(new FormLoadError(pointer + "/overflow", "overflow is error (default: more rows than the sheet holds refuse the document) or continuation (they go on a 別紙)."));
        if (kind == "date" && rect is null && (spec.Year is null || spec.Month is null || spec.Day is null))
            errors.Add(new FormLoadError(pointer, "A date goes either whole into one rectangle (field or rect) or into year, month and day rectangles (with eras to circle)."));
        if (kind == "rows" && (spec.RowPitchMm is not > 0 || spec.RowLimit is not > 0))
            errors.Add(new FormLoadError(pointer, "Table rows need pitch (mm from one row to the next) and limit (the rows the sheet holds)."));
        if (kind == "boxes" && spec.Count is not > 0 && spec.PitchMm is not > 0)
            errors.Add(new FormLoadError(pointer, "Character boxes need count (boxes in the rectangle) or pitch (mm from one box to the next)."));
        if (spec.Align is not ("left" or "center" or "right")) errors.Add(new FormLoadError(pointer + "/align", "align is left, center or right."));
        return spec;
    }

    private static RectSpec? Rect(JsonElement value, string pointer, List<FormLoadError> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FormLoadError(pointer, "A place is {\"field\": \"AcroForm name\"} or {\"page\": 1, \"rect\": [x, y, width, height]} in mm from the printed page's top-left."));
            return null;
        }
        if (String(value, "field") is { } field) return new RectSpec(pointer, field, String(value, "option"), 0, null);
        if (value.TryGetProperty("rect", out var rect) && rect.ValueKind == JsonValueKind.Array && rect.GetArrayLength() == 4 &&
            rect.EnumerateArray().All(n => n.ValueKind == JsonValueKind.Number))
        {
            var mm = rect.EnumerateArray().Select(n => n.GetDouble()).ToArray();
            if (mm[2] <= 0 || mm[3] <= 0)
            {
                errors.Add(new FormLoadError(pointer + "/rect", "A rectangle's width and height are more than 0 mm."));
                return null;
            }
            var page = (int)(Number(value, "page") ?? 1);
            return new RectSpec(pointer, null, null, page, mm);
        }
        errors.Add(new FormLoadError(pointer, "A place needs field (an AcroForm field name) or rect ([x, y, width, height] in mm, with page)."));
        return null;
    }

    private static string? String(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static double? Number(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : null;

    /// <summary>Millimetres to points.</summary>
    public static double Points(double mm) => mm / 25.4 * 72;

    /// <summary>A number for messages.</summary>
    public static string Mm(double points) => (points / 72 * 25.4).ToString("0.#", CultureInfo.InvariantCulture);
}
