using System.Globalization;
using System.Text;
using ProcedureForms.Rendering.Layout;
using ProcedureForms.Templates;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>
/// Writes a template's AcroForm kept fillable: every field again under its own name, kind, length and options, each
/// widget with its value and an appearance drawn as the flattened page would draw it (our shaping, our embedded
/// subset), so every viewer shows the Japanese values without making appearances of its own (no NeedAppearances).
/// </summary>
internal sealed class AcroFormWriter
{
    private readonly Dictionary<string, (int Number, List<int> Kids, string? State, string Partial, string ParentEntry, string Name)> _radios = new(StringComparer.Ordinal);

    // Parent fields of dotted names ("申請者.氏名"): a field's /T is one part of its name, its parents give the rest.
    private readonly Dictionary<string, (int Number, List<int> Kids)> _parents = new(StringComparer.Ordinal);
    private int? _defaultFont;

    /// <summary>The top-level fields written so far (the AcroForm's /Fields).</summary>
    public List<int> Fields { get; } = [];

    /// <summary>Writes the page's widgets (and their fields); returns the references for the page's /Annots.</summary>
    public List<string> WriteWidgets(PdfObjectWriter writer, LayoutPage page, int pageNumber, double pageHeight, FormSheet sheet, EmbeddedFont? extra,
        PageContent content, Dictionary<EmbeddedFont, int> fonts, ref int? extraNumber)
    {
        var annotations = new List<string>();
        foreach (var widget in page.Widgets)
        {
            var field = widget.Field;
            var (x, top, width, height) = field.RectPoints;
            var bottom = pageHeight - top - height;
            var rect = $"[{PdfSyntax.Number(x)} {PdfSyntax.Number(bottom)} {PdfSyntax.Number(x + width)} {PdfSyntax.Number(pageHeight - top)}]";
            // A viewer fits the appearance to the widget: a choice's circle, drawn around its printed option when flattened,
            // is drawn inside the box here.
            var items = field.Kind is "radio" or "checkbox"
                ? widget.Items.Select(i => i is EllipseItem e ? e with { RadiusX = width / 2 - 0.6, RadiusY = height / 2 - 0.6 } : i).ToList()
                : widget.Items;
            var appearance = Appearance(writer, items, x, bottom, width, height, pageHeight, sheet, extra, content, fonts, ref extraNumber);
            _defaultFont ??= extraNumber ?? (fonts.TryGetValue(sheet.Font, out var f) ? f : fonts[sheet.Font] = sheet.Font.Write(writer));
            var number = writer.Reserve();
            var common = $"/Type/Annot/Subtype/Widget/Rect{rect}/F 4/P {pageNumber} 0 R/DA({DefaultAppearance(height)})/MK<<>>";
            // The field's accessible name (PDF/UA asks it of every field): the label of the form's field placed in it.
            var name = widget.AccessibleName is { } label ? "/TU" + PdfSyntax.Text(label) : "";
            switch (field.Kind)
            {
                case "checkbox":
                {
                    var state = PdfSyntax.Name(field.OnState ?? "Yes");
                    var off = Empty(writer, width, height);
                    var value = widget.On ? state : "/Off";
                    var (partial, parent) = Place(writer, field.Name, number);
                    writer.Object(number, $"<<{common}/FT/Btn/T{PdfSyntax.Text(partial)}{name}{parent}/V{value}/AS{value}/AP<</N<<{state} {appearance} 0 R/Off {off} 0 R>>>>>>");
                    break;
                }
                case "radio":
                {
                    var state = PdfSyntax.Name(field.OnState ?? field.Option ?? "On");
                    var off = Empty(writer, width, height);
                    if (!_radios.TryGetValue(field.Name, out var group))
                    {
                        var groupNumber = writer.Reserve();
                        var (partial, parent) = Place(writer, field.Name, groupNumber);
                        group = (groupNumber, [], null, partial, parent, name);
                    }
                    group.Kids.Add(number);
                    if (group.Name.Length == 0) group.Name = name;
                    if (widget.On) group.State = state;
                    _radios[field.Name] = group;
                    writer.Object(number, $"<<{common}/Parent {group.Number} 0 R/AS{(widget.On ? state : "/Off")}/AP<</N<<{state} {appearance} 0 R/Off {off} 0 R>>>>>>");
                    break;
                }
                case "choice":
                {
                    var (partial, parent) = Place(writer, field.Name, number);
                    writer.Object(number, $"<<{common}/FT/Ch/Ff 131072/T{PdfSyntax.Text(partial)}{name}{parent}/Opt[{string.Join(' ', field.Options.Select(PdfSyntax.Text))}]" +
                        $"{(widget.Text is null ? "" : "/V" + PdfSyntax.Text(widget.Text))}/AP<</N {appearance} 0 R>>>>");
                    break;
                }
                default:
                {
                    var flags = (field.Kind == "comb" ? 1 << 24 : 0) | (field.Multiline ? 1 << 12 : 0);
                    var (partial, parent) = Place(writer, field.Name, number);
                    writer.Object(number, $"<<{common}/FT/Tx/T{PdfSyntax.Text(partial)}{name}{parent}{(flags == 0 ? "" : "/Ff " + flags.ToString(CultureInfo.InvariantCulture))}" +
                        $"{(field.MaxLength is { } max ? "/MaxLen " + max.ToString(CultureInfo.InvariantCulture) : "")}" +
                        $"{(widget.Text is null ? "" : "/V" + PdfSyntax.Text(widget.Text))}/AP<</N {appearance} 0 R>>>>");
                    break;
                }
            }
            annotations.Add($"{number} 0 R");
        }
        return annotations;
    }

    /// <summary>
    /// Where a field of qualified <paramref name="name"/> hangs: its own partial name and the entry that places it (its
    /// parent's /Parent reference, or, for a top-level field, nothing and a place in /Fields).
    /// </summary>
    private (string Partial, string Parent) Place(PdfObjectWriter writer, string name, int number)
    {
        var dot = name.LastIndexOf('.');
        if (dot <= 0 || dot == name.Length - 1)
        {
            Fields.Add(number);
            return (name, "");
        }
        var parent = Parent(writer, name[..dot]);
        _parents[name[..dot]].Kids.Add(number);
        return (name[(dot + 1)..], $"/Parent {parent} 0 R");
    }

    private int Parent(PdfObjectWriter writer, string name)
    {
        if (_parents.TryGetValue(name, out var existing)) return existing.Number;
        var number = writer.Reserve();
        _parents[name] = (number, []);
        var dot = name.LastIndexOf('.');
        if (dot > 0 && dot < name.Length - 1)
        {
            Parent(writer, name[..dot]);
            _parents[name[..dot]].Kids.Add(number);
        }
        else Fields.Add(number);
        return number;
    }

    /// <summary>Writes the radio groups and parent fields, and returns the catalog's /AcroForm entry.</summary>
    public string WriteAcroForm(PdfObjectWriter writer)
    {
        foreach (var (name, group) in _radios)
            writer.Object(group.Number, $"<</FT/Btn/Ff 49152/T{PdfSyntax.Text(group.Partial)}{group.Name}{group.ParentEntry}/V{group.State ?? "/Off"}/Kids[{string.Join(' ', group.Kids.Select(k => $"{k} 0 R"))}]>>");
        foreach (var (name, parent) in _parents)
        {
            var dot = name.LastIndexOf('.');
            var above = dot > 0 && dot < name.Length - 1 ? $"/Parent {_parents[name[..dot]].Number} 0 R" : "";
            writer.Object(parent.Number, $"<</T{PdfSyntax.Text(dot > 0 ? name[(dot + 1)..] : name)}{above}/Kids[{string.Join(' ', parent.Kids.Select(k => $"{k} 0 R"))}]>>");
        }
        return $"/AcroForm<</Fields[{string.Join(' ', Fields.Select(f => $"{f} 0 R"))}]/DR<</Font<</F1 {_defaultFont} 0 R>>>>/DA(/F1 0 Tf 0 g)>>";
    }

    private static string DefaultAppearance(double height) => $"/F1 {PdfSyntax.Number(Math.Min(10.5, height * 0.7))} Tf 0 g";

    private int Appearance(PdfObjectWriter writer, IReadOnlyList<LayoutItem> items, double x, double bottom, double width, double height, double pageHeight,
        FormSheet sheet, EmbeddedFont? extra, PageContent content, Dictionary<EmbeddedFont, int> fonts, ref int? extraNumber)
    {
        var drawing = content.Build(items, pageHeight, text => PdfDocumentWriter.InSecond(text, sheet), sheet.Font, sheet.Runs, extra);
        var resources = PdfDocumentWriter.FontResources(writer, content, sheet, extra, fonts, ref extraNumber);
        // The appearance's origin is the widget's lower-left corner: the page drawing moved there.
        var shift = Encoding.ASCII.GetBytes($"/Tx BMC q 1 0 0 1 {PdfSyntax.Number(-x)} {PdfSyntax.Number(-bottom)} cm\n");
        var whole = new byte[shift.Length + drawing.Length + 6];
        shift.CopyTo(whole, 0);
        drawing.CopyTo(whole, shift.Length);
        "\nQ EMC"u8.CopyTo(whole.AsSpan(shift.Length + drawing.Length));
        Array.Clear(drawing);
        var stream = writer.Stream($"/Type/XObject/Subtype/Form/BBox[0 0 {PdfSyntax.Number(width)} {PdfSyntax.Number(height)}]/Resources<<{resources}>>",
            PdfObjectWriter.Deflate(whole), deflated: true);
        Array.Clear(whole);
        return stream;
    }

    private static int Empty(PdfObjectWriter writer, double width, double height) =>
        writer.Stream($"/Type/XObject/Subtype/Form/BBox[0 0 {PdfSyntax.Number(width)} {PdfSyntax.Number(height)}]", ""u8, deflated: false);
}
