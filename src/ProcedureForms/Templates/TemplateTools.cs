using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Rendering.Layout;
using ProcedureForms.Rendering.Pdf;

namespace ProcedureForms.Templates;

/// <summary>
/// What a designer uses to turn an official PDF into a template form: a measuring grid over its pages, and a definition
/// skeleton made from its AcroForm fields.
/// </summary>
public static class TemplateTools
{
    /// <summary>
    /// A definition skeleton from the template's AcroForm: a text field becomes a string with the field's /MaxLen, a comb
    /// field one character a box, a checkbox a boolean ticked in its box, a radio group an enum ticked at its option, a
    /// choice an enum; each placed by its AcroForm name. It loads and lints once the designer writes each field's title.
    /// </summary>
    /// <param name="template">The template.</param>
    /// <param name="templatePath">The template's path as the definition will name it (relative to where the definition is saved).</param>
    public static string Scaffold(TemplatePdf template, string templatePath)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(templatePath);
        var properties = new JsonObject();
        var placements = new JsonObject();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in template.Fields.Where(f => f.Kind is not ("signature" or "button")).GroupBy(f => f.Name))
        {
            var field = group.First();
            var name = PropertyName(field.Name, names);
            JsonObject schema;
            JsonObject placement;
            switch (field.Kind)
            {
                case "checkbox":
                    schema = new JsonObject { ["type"] = "boolean" };
                    placement = new JsonObject { ["kind"] = "tick", ["field"] = field.Name };
                    break;
                case "radio":
                    var options = group.Select(f => f.Option ?? "").Distinct().ToList();
                    schema = new JsonObject { ["enum"] = new JsonArray(options.Select(o => (JsonNode)o).ToArray()) };
                    var places = new JsonObject();
                    foreach (var option in options) places[option] = new JsonObject { ["field"] = field.Name, ["option"] = option };
                    placement = new JsonObject { ["kind"] = "tick", ["options"] = places };
                    break;
                case "choice":
                    schema = new JsonObject { ["enum"] = new JsonArray(field.Options.Select(o => (JsonNode)o).ToArray()) };
                    placement = new JsonObject { ["field"] = field.Name };
                    break;
                case "comb":
                    schema = new JsonObject { ["type"] = "string", ["maxLength"] = field.MaxLength ?? 1 };
                    placement = new JsonObject { ["kind"] = "boxes", ["field"] = field.Name, ["count"] = field.MaxLength ?? 1 };
                    break;
                default:
                    // Without a /MaxLen, the most full-width characters the box holds at the smallest size (6 pt), so lint
                    // can prove every accepted value prints.
                    var (_, _, w, h) = field.RectPoints;
                    var perLine = Math.Max(1, (int)Math.Floor((w - 2) / 6));
                    var lines = field.Multiline ? Math.Max(1, (int)Math.Floor(h / (6 * 1.35))) : 1;
                    schema = new JsonObject { ["type"] = "string", ["maxLength"] = field.MaxLength ?? perLine * lines };
                    placement = field.Multiline ? new JsonObject { ["kind"] = "multiline", ["field"] = field.Name } : new JsonObject { ["field"] = field.Name };
                    break;
            }
            properties[name] = schema;
            placements["/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)] = placement;
        }
        var definition = new JsonObject
        {
            ["$schema"] = FormDialectId,
            ["formId"] = Slug(Path.GetFileNameWithoutExtension(template.Name)),
            ["formVersion"] = DateTime.UtcNow.ToString("yyyy.M", CultureInfo.InvariantCulture),
            ["title"] = "",
            ["type"] = "object",
            ["properties"] = properties,
            ["template"] = new JsonObject
            {
                ["file"] = templatePath.Replace('\\', '/'),
                ["sha256"] = template.Sha256,
                ["placements"] = placements,
            },
        };
        return definition.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = TemplateJson.Default }) + "\n";
    }

    private const string FormDialectId = "https://procedureforms.dev/schema/2026-11/form";

    private static string PropertyName(string acroName, HashSet<string> taken)
    {
        var name = acroName.Replace('.', '_').Trim();
        if (name.Length == 0) name = "field";
        var unique = name;
        for (var i = 2; !taken.Add(unique); i++) unique = name + i.ToString(CultureInfo.InvariantCulture);
        return unique;
    }

    private static string Slug(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name.ToLowerInvariant()) sb.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "template-form" : slug;
    }

    /// <summary>
    /// Each template page with a grid every 5 mm (every 10 mm darker), rulers numbered in mm from the printed page's
    /// top-left, and every AcroForm field's rectangle with its name: for measuring the rectangles of a plain template.
    /// </summary>
    public static void Grid(TemplatePdf template, Stream output)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(output);
        var pages = new List<LayoutPage>();
        const double mm = 72 / 25.4;
        foreach (var page in template.Pages)
        {
            var (width, height) = (page.Geometry.Width, page.Geometry.Height);
            var items = new List<LayoutItem> { new TemplatePageItem(page) };
            for (var x = 5; x * mm < width; x += 5)
            {
                items.Add(new RectItem(x * mm - 0.1, 0, 0.2, height, 0, x % 10 == 0 ? 0.55 : 0.8));
                if (x % 10 == 0) items.Add(new TextItem(x * mm + 0.8, 6, 5, x.ToString(CultureInfo.InvariantCulture)));
            }
            for (var y = 5; y * mm < height; y += 5)
            {
                items.Add(new RectItem(0, y * mm - 0.1, width, 0.2, 0, y % 10 == 0 ? 0.55 : 0.8));
                if (y % 10 == 0) items.Add(new TextItem(1, y * mm - 0.8, 5, y.ToString(CultureInfo.InvariantCulture)));
            }
            foreach (var field in template.Fields.Where(f => f.Page == page.Number))
            {
                var (x, y, w, h) = field.RectPoints;
                items.Add(new RectItem(x, y, w, h, 0.8));
                var label = field.Option is null ? field.Name : $"{field.Name}={field.Option}";
                items.Add(new TextItem(x + 0.5, y - 1, 5, label));
            }
            pages.Add(new LayoutPage(page.Number, items) { Size = (width, height) });
        }
        var first = template.Pages[0].Geometry;
        var layout = new LayoutDocument(first.Width, first.Height, pages) { SheetPages = pages.Count };
        var font = FontRegistry.Default.Get(FontRegistry.IpaexMincho);
        var check = new Validation.PrintCheck(font);
        // Field names the font cannot draw are shown as their code points rather than as boxes.
        foreach (var page in pages)
        {
            var items = (List<LayoutItem>)page.Items;
            for (var i = 0; i < items.Count; i++)
                if (items[i] is TextItem t && check.FindUnprintable(t.Text) is not null)
                    items[i] = t with { Text = string.Concat(t.Text.EnumerateRunes().Select(r => font.Covers(r.Value) ? r.ToString() : $"U+{r.Value:X4}")) };
        }
        var sheet = FormSheet.ForLayout(font, layout);
        var codePoints = new HashSet<int>(sheet.CodePoints);
        PdfDocumentWriter.Write([(layout, sheet)], codePoints, new HashSet<int>(), new HashSet<uint>(), new Dictionary<uint, string>(), font,
            new PdfInfo($"{template.Name} の方眼（mm）", template.Sha256, DateTime.UnixEpoch, false), output);
    }
}

/// <summary>The JSON the template tools write, source-generated so the AOT-compiled CLI writes it too.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonArray))]
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonValue))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
internal sealed partial class TemplateJson : System.Text.Json.Serialization.JsonSerializerContext;
