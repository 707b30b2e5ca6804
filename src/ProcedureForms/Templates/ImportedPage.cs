using System.Globalization;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using ProcedureForms.Rendering.Pdf;

namespace ProcedureForms.Templates;

/// <summary>
/// A template page's drawing, copied out of the template once: its content as one deflated stream, and every object its
/// resources reach, serialized with references between them left as slots. Each PDF printed over the page writes these
/// bytes once as a form XObject, numbering the objects as it goes. The page's annotations (the form's widgets among
/// them) are not part of it: a flattened form shows the page unchanged and the values drawn over it.
/// </summary>
internal sealed partial class ImportedPage
{
    private ImportedPage(byte[] content, PageGeometry geometry, ImportedObjects objects, Chunk[] resources, IReadOnlyList<(int Appearance, double[] Matrix)> widgets)
    {
        Widgets = widgets;
        Content = content;
        Geometry = geometry;
        Objects = objects;
        Resources = resources;
    }

    private byte[] Content { get; }
    private PageGeometry Geometry { get; }

    /// <summary>The template's objects, shared by its pages (fonts and images are written once for all of them).</summary>
    public ImportedObjects Objects { get; }
    private Chunk[] Resources { get; }

    /// <summary>
    /// The blank appearance of every annotation the page prints (its form fields' borders and empty boxes among them),
    /// each an object of the template and the matrix that fits it to the annotation's rectangle: a flattened page shows
    /// them as a printout of the template would.
    /// </summary>
    private IReadOnlyList<(int Appearance, double[] Matrix)> Widgets { get; }

    /// <summary>Copies <paramref name="page"/>'s content and resources.</summary>
    /// <exception cref="TemplateException">Its content uses a filter that cannot be decoded, or it reaches too many objects.</exception>
    public static ImportedPage From(PdfPage page, int number, PageGeometry geometry, ImportedObjects objects, string file, int maxObjects, ref long budget)
    {
        var content = new MemoryStream();
        foreach (var stream in ContentStreams(page))
        {
            if (stream.Stream is null) continue;
            byte[] data;
            try
            {
                data = Decode(stream, ref budget, file);
            }
            catch (Exception e) when (e is not TemplateException)
            {
                throw new TemplateException(file, $"page {number}'s content cannot be decoded ({e.GetType().Name}).", e);
            }
            content.Write(data);
            content.WriteByte((byte)'\n');
        }
        var serializer = objects.Serializer(file, maxObjects);
        var resources = PageGeometry.Inherited(page, "/Resources") is PdfDictionary dictionary ? serializer.Direct(dictionary) : [new Chunk("<<>>"u8.ToArray(), -1)];
        var widgets = new List<(int, double[])>();
        if (Resolve(page.Elements["/Annots"]) is PdfArray annotations)
            foreach (var item in annotations.Elements)
                if (Resolve(item) is PdfDictionary annotation && BlankAppearance(annotation) is { } appearance && Fit(annotation, appearance) is { } matrix)
                    widgets.Add((serializer.Index(appearance), matrix));
        return new ImportedPage(PdfObjectWriter.Deflate(content.ToArray(), PdfObjectWriter.Once), geometry, objects, resources, widgets);
    }

    /// <summary>
    /// A content stream's bytes, expanded within what is left of <paramref name="budget"/> (the template's
    /// MaxExpandedBytes, shared by all its pages): the scan could not measure an encrypted file's streams before the
    /// parser decrypted them, and a chain of filters can expand each layer again.
    /// </summary>
    private static byte[] Decode(PdfDictionary stream, ref long budget, string file)
    {
        var filters = Resolve(stream.Elements["/Filter"]) switch
        {
            PdfName name => [name.Value],
            PdfArray array => array.Elements.Select(Resolve).OfType<PdfName>().Select(n => n.Value).ToList(),
            _ => new List<string>(),
        };
        var raw = stream.Stream!.Value ?? [];
        var data = raw;
        var simple = !stream.Elements.ContainsKey("/DecodeParms") && filters.All(f => f is "/FlateDecode" or "/Fl" or "/ASCII85Decode" or "/A85" or "/ASCIIHexDecode" or "/AHx");
        if (simple)
        {
            // Step by step: deflate within the budget; the ASCII filters only shrink their input.
            foreach (var filter in filters)
                data = filter switch
                {
                    "/FlateDecode" or "/Fl" => TemplateScan.Inflate(data, budget, file).Bytes,
                    "/ASCII85Decode" or "/A85" => PdfSharp.Pdf.Filters.Filtering.Decode(data, "/ASCII85Decode") ?? throw new InvalidDataException("ASCII85 data"),
                    _ => PdfSharp.Pdf.Filters.Filtering.Decode(data, "/ASCIIHexDecode") ?? throw new InvalidDataException("ASCIIHex data"),
                };
        }
        else if (raw.Length <= 64 * 1024) data = stream.Stream.UnfilteredValue ?? []; // LZW, run-length, predictors…: small ones only
        else throw new TemplateException(file, $"a page's content uses filters this library expands only for streams up to 64 KB ({string.Join(' ', filters)}, {raw.Length:N0} bytes).");
        budget -= data.Length;
        if (budget < 0) throw new TemplateException(file, "its compressed streams expand past the limit (TemplateLimits.MaxExpandedBytes).");
        return data;
    }

    /// <summary>An annotation's appearance as a blank printout shows it: a field's normal appearance, a button's off state.</summary>
    private static PdfDictionary? BlankAppearance(PdfDictionary annotation)
    {
        var flags = annotation.Elements.ContainsKey("/F") ? annotation.Elements.GetInteger("/F") : 0;
        if ((flags & 4) == 0 || (flags & 2) != 0) return null; // not printed, or hidden
        if (annotation.Elements.GetName("/Subtype") is "/Popup" or "/Link") return null;
        var normal = Resolve((Resolve(annotation.Elements["/AP"]) as PdfDictionary)?.Elements["/N"]);
        if (normal is PdfDictionary { Stream: not null } stream) return stream.Reference is null ? null : stream;
        if (normal is not PdfDictionary states) return null;
        var state = annotation.Elements.GetName("/Subtype") == "/Widget" ? "/Off" : annotation.Elements.GetName("/AS");
        return Resolve(states.Elements[state]) is PdfDictionary { Stream: not null, Reference: not null } chosen ? chosen : null;
    }

    /// <summary>The matrix that fits an appearance (its BBox through its /Matrix) to the annotation's rectangle, as viewers do.</summary>
    private static double[]? Fit(PdfDictionary annotation, PdfDictionary appearance)
    {
        if (Resolve(annotation.Elements["/Rect"]) is not PdfArray { Elements.Count: >= 4 } rect || Resolve(appearance.Elements["/BBox"]) is not PdfArray { Elements.Count: >= 4 } box)
            return null;
        double[] m = Resolve(appearance.Elements["/Matrix"]) is PdfArray { Elements.Count: >= 6 } given ? [.. given.Elements.Take(6).Select(TemplatePdf.Number)] : [1, 0, 0, 1, 0, 0];
        var corners = new[] { (0, 1), (0, 3), (2, 1), (2, 3) }.Select(c =>
        {
            var (x, y) = (TemplatePdf.Number(box.Elements[c.Item1]), TemplatePdf.Number(box.Elements[c.Item2]));
            return (X: m[0] * x + m[2] * y + m[4], Y: m[1] * x + m[3] * y + m[5]);
        }).ToList();
        var (bx1, by1, bx2, by2) = (corners.Min(c => c.X), corners.Min(c => c.Y), corners.Max(c => c.X), corners.Max(c => c.Y));
        var (rx1, ry1) = (Math.Min(TemplatePdf.Number(rect.Elements[0]), TemplatePdf.Number(rect.Elements[2])), Math.Min(TemplatePdf.Number(rect.Elements[1]), TemplatePdf.Number(rect.Elements[3])));
        var (rw, rh) = (Math.Abs(TemplatePdf.Number(rect.Elements[2]) - TemplatePdf.Number(rect.Elements[0])), Math.Abs(TemplatePdf.Number(rect.Elements[3]) - TemplatePdf.Number(rect.Elements[1])));
        if (bx2 - bx1 <= 0 || by2 - by1 <= 0 || rw <= 0 || rh <= 0) return null;
        var (sx, sy) = (rw / (bx2 - bx1), rh / (by2 - by1));
        return [sx, 0, 0, sy, rx1 - sx * bx1, ry1 - sy * by1];
    }

    /// <summary>
    /// Writes the page's form XObject and returns its number; <paramref name="numbers"/> are the numbers the template's
    /// objects were written under in this PDF (<see cref="ImportedObjects.Write"/>).
    /// </summary>
    public int Write(PdfObjectWriter writer, int[] numbers, bool withWidgets)
    {
        var g = Geometry;
        var bbox = string.Join(' ', new[] { g.CropLeft, g.CropBottom, g.CropRight, g.CropTop }.Select(PdfSyntax.Number));
        var matrix = string.Join(' ', g.Matrix.Select(PdfSyntax.Number));
        if (!withWidgets || Widgets.Count == 0) return WriteDrawing(writer, numbers, $"/Type/XObject/Subtype/Form/FormType 1/BBox[{bbox}]/Matrix[{matrix}]/Resources ");
        // The page's drawing, then each annotation's blank appearance fitted to its rectangle, in one form.
        var drawing = WriteDrawing(writer, numbers, $"/Type/XObject/Subtype/Form/FormType 1/BBox[{bbox}]/Resources ");
        var content = new StringBuilder("q /P Do Q\n");
        var resources = new StringBuilder($"/XObject<</P {drawing} 0 R");
        for (var i = 0; i < Widgets.Count; i++)
        {
            content.Append("q ").Append(string.Join(' ', Widgets[i].Matrix.Select(PdfSyntax.Number))).Append(CultureInfo.InvariantCulture, $" cm /W{i + 1} Do Q\n");
            resources.Append(CultureInfo.InvariantCulture, $"/W{i + 1} {numbers[Widgets[i].Appearance]} 0 R");
        }
        resources.Append(">>");
        return writer.Stream($"/Type/XObject/Subtype/Form/FormType 1/BBox[{bbox}]/Matrix[{matrix}]/Resources<<{resources}>>",
            Encoding.ASCII.GetBytes(content.ToString()), deflated: false);
    }

    private int WriteDrawing(PdfObjectWriter writer, int[] numbers, string dictionaryText)
    {
        var dictionary = new StringBuilder(dictionaryText);
        var number = writer.Reserve();
        writer.Begin(number);
        writer.Raw("<<"u8);
        writer.Ascii(dictionary.ToString());
        WriteChunks(writer, Resources, numbers);
        writer.Raw("/Filter/FlateDecode/Length "u8);
        writer.Number(Content.Length);
        writer.Raw(">>\nstream\n"u8);
        writer.Raw(Content);
        writer.Raw("\nendstream"u8);
        writer.End();
        return number;
    }

    internal static void WriteChunks(PdfObjectWriter writer, Chunk[] chunks, int[] numbers)
    {
        foreach (var chunk in chunks)
        {
            if (chunk.Bytes is not null) writer.Raw(chunk.Bytes);
            if (chunk.Reference >= 0)
            {
                writer.Number(numbers[chunk.Reference]);
                writer.Raw(" 0 R"u8);
            }
        }
    }

    private static IEnumerable<PdfDictionary> ContentStreams(PdfPage page) => Resolve(page.Elements["/Contents"]) switch
    {
        PdfDictionary single => [single],
        PdfArray array => array.Elements.Select(Resolve).OfType<PdfDictionary>(),
        _ => [],
    };

    private static PdfItem? Resolve(PdfItem? item) => TemplatePdf.Resolve(item);

}

/// <summary>Bytes, then a reference to the template's object <see cref="Reference"/> (or none when -1).</summary>
internal readonly record struct Chunk(byte[]? Bytes, int Reference);

/// <summary>
/// The objects a template's pages reach through their resources, serialized once with references between them left as
/// slots; written once into each PDF that prints over any of the pages.
/// </summary>
internal sealed class ImportedObjects
{
    private readonly List<Chunk[]?> _objects = [];
    private readonly Dictionary<PdfObject, int> _numbers = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many objects the template's pages reach.</summary>
    public int Count => _objects.Count;

    /// <summary>A serializer that adds to these objects.</summary>
    internal ImportedPage.Serializer Serializer(string file, int maxObjects) => new(file, _objects, _numbers, maxObjects);

    /// <summary>Writes every object, numbered anew; returns the numbers by index.</summary>
    public int[] Write(PdfObjectWriter writer)
    {
        var numbers = new int[_objects.Count];
        for (var i = 0; i < numbers.Length; i++) numbers[i] = writer.Reserve();
        for (var i = 0; i < numbers.Length; i++)
        {
            writer.Begin(numbers[i]);
            ImportedPage.WriteChunks(writer, _objects[i]!, numbers);
            writer.End();
        }
        return numbers;
    }
}

internal sealed partial class ImportedPage
{
    /// <summary>Serializes PDFsharp's objects into chunks, numbering each indirect object it reaches once for the whole template.</summary>
    internal sealed class Serializer(string file, List<Chunk[]?> objects, Dictionary<PdfObject, int> numbers, int maxObjects)
    {
        private readonly Dictionary<PdfObject, int> _numbers = numbers;
        private readonly Queue<(PdfObject Object, int Number)> _pending = new();
        private readonly List<Chunk[]?> _objects = objects;
        private readonly List<Chunk> _chunks = [];
        private readonly MemoryStream _bytes = new();

        /// <summary>The template's index of an indirect object (serialized with everything it reaches).</summary>
        public int Index(PdfObject target)
        {
            if (!_numbers.TryGetValue(target, out var number))
            {
                number = _objects.Count;
                _objects.Add(null);
                _numbers[target] = number;
                _pending.Enqueue((target, number));
            }
            while (_pending.TryDequeue(out var next)) _objects[next.Number] = Serialize(next.Object);
            return number;
        }

        /// <summary>A direct object (the page's resources dictionary), as chunks.</summary>
        public Chunk[] Direct(PdfItem item)
        {
            var chunks = Serialize(item);
            while (_pending.TryDequeue(out var next)) _objects[next.Number] = Serialize(next.Object);
            return chunks;
        }

        private Chunk[] Serialize(PdfItem item)
        {
            _chunks.Clear();
            _bytes.SetLength(0);
            Item(item, top: true, depth: 0);
            Flush(-1);
            return [.. _chunks];
        }

        private void Flush(int reference)
        {
            if (_bytes.Length == 0 && reference < 0) return;
            _chunks.Add(new Chunk(_bytes.Length == 0 ? null : _bytes.ToArray(), reference));
            _bytes.SetLength(0);
        }

        private void Text(string text) => _bytes.Write(Encoding.Latin1.GetBytes(text));

        private void Item(PdfItem? item, bool top, int depth)
        {
            if (depth > 64) throw new TemplateException(file, "its page resources nest more than 64 deep.");
            switch (item)
            {
                case null or PdfNull or PdfNullObject:
                    Text("null");
                    break;
                case PdfReference reference:
                    var target = reference.Value;
                    if (target is null)
                    {
                        Text("null");
                        break;
                    }
                    if (!_numbers.TryGetValue(target, out var number))
                    {
                        if (_objects.Count >= maxObjects)
                            throw new TemplateException(file, "its pages reach too many objects.");
                        number = _objects.Count;
                        _objects.Add(null);
                        _numbers[target] = number;
                        _pending.Enqueue((target, number));
                    }
                    Flush(number);
                    break;
                case PdfDictionary dictionary:
                    if (!top && dictionary.Reference is not null)
                    {
                        Item(dictionary.Reference, false, depth);
                        break;
                    }
                    Text("<<");
                    foreach (var key in dictionary.Elements.Keys)
                    {
                        if (dictionary.Stream is not null && key is "/Length") continue;
                        Text(PdfSyntax.Name(key.TrimStart('/'))); // PDFsharp has undone #xx escapes: a # is part of the name
                        Text(" ");
                        Item(dictionary.Elements[key], false, depth + 1);
                    }
                    if (dictionary.Stream is { } stream)
                    {
                        Text($"/Length {stream.Value.Length.ToString(CultureInfo.InvariantCulture)}>>\nstream\n");
                        _bytes.Write(stream.Value);
                        Text("\nendstream");
                    }
                    else
                    {
                        Text(">>");
                    }
                    break;
                case PdfArray array:
                    if (!top && array.Reference is not null)
                    {
                        Item(array.Reference, false, depth);
                        break;
                    }
                    Text("[");
                    foreach (var element in array.Elements)
                    {
                        Item(element, false, depth + 1);
                        Text(" ");
                    }
                    Text("]");
                    break;
                case PdfName name:
                    Text(PdfSyntax.Name(name.Value.TrimStart('/')));
                    break;
                case PdfString text:
                    Text("<" + Hex(text.Value, text.Encoding) + ">");
                    break;
                case PdfStringObject text:
                    Text("<" + Hex(text.Value, text.Encoding) + ">");
                    break;
                case PdfBoolean boolean:
                    Text(boolean.Value ? "true" : "false");
                    break;
                case PdfReal real:
                    Text(PdfSyntax.Number(real.Value));
                    break;
                case PdfRealObject real:
                    Text(PdfSyntax.Number(real.Value));
                    break;
                default:
                    // Integers of every width, literals and the remaining scalar objects print themselves as PDF.
                    Text(Convert.ToString(item, CultureInfo.InvariantCulture) ?? "null");
                    break;
            }
        }

        private static string Hex(string value, PdfStringEncoding encoding)
        {
            if (encoding == PdfStringEncoding.Unicode || value.Any(c => c > 0xFF))
                return "FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value));
            return Convert.ToHexString(Encoding.Latin1.GetBytes(value));
        }
    }
}
