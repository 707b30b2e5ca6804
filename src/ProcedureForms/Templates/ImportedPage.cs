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
    private ImportedPage(byte[] content, PageGeometry geometry, ImportedObjects objects, Chunk[] resources)
    {
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

    /// <summary>Copies <paramref name="page"/>'s content and resources.</summary>
    /// <exception cref="TemplateException">Its content uses a filter that cannot be decoded, or it reaches too many objects.</exception>
    public static ImportedPage From(PdfPage page, int number, PageGeometry geometry, ImportedObjects objects, string file)
    {
        var content = new MemoryStream();
        foreach (var stream in ContentStreams(page))
        {
            if (stream.Stream is null) continue;
            byte[] data;
            try
            {
                data = stream.Stream.UnfilteredValue;
            }
            catch (Exception e)
            {
                throw new TemplateException(file, $"page {number}'s content cannot be decoded ({e.GetType().Name}).", e);
            }
            content.Write(data);
            content.WriteByte((byte)'\n');
        }
        var resources = Resolve(Inherited(page, "/Resources")) is PdfDictionary dictionary ? objects.Serializer(file).Direct(dictionary) : [new Chunk("<<>>"u8.ToArray(), -1)];
        return new ImportedPage(PdfObjectWriter.Deflate(content.ToArray(), PdfObjectWriter.Once), geometry, objects, resources);
    }

    /// <summary>
    /// Writes the page's form XObject and returns its number; <paramref name="numbers"/> are the numbers the template's
    /// objects were written under in this PDF (<see cref="ImportedObjects.Write"/>).
    /// </summary>
    public int Write(PdfObjectWriter writer, int[] numbers)
    {
        var g = Geometry;
        var dictionary = new StringBuilder("/Type/XObject/Subtype/Form/FormType 1/BBox[");
        dictionary.Append(string.Join(' ', new[] { g.CropLeft, g.CropBottom, g.CropRight, g.CropTop }.Select(PdfSyntax.Number))).Append("]/Matrix[")
            .Append(string.Join(' ', g.Matrix.Select(PdfSyntax.Number))).Append("]/Resources ");
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

    private static PdfItem? Inherited(PdfDictionary page, string key)
    {
        var node = page;
        for (var i = 0; i < 32 && node is not null; i++)
        {
            if (node.Elements.ContainsKey(key)) return node.Elements[key];
            node = Resolve(node.Elements["/Parent"]) as PdfDictionary;
        }
        return null;
    }

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
    internal ImportedPage.Serializer Serializer(string file) => new(file, _objects, _numbers);

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
    internal sealed class Serializer(string file, List<Chunk[]?> objects, Dictionary<PdfObject, int> numbers)
    {
        private readonly Dictionary<PdfObject, int> _numbers = numbers;
        private readonly Queue<(PdfObject Object, int Number)> _pending = new();
        private readonly List<Chunk[]?> _objects = objects;
        private readonly List<Chunk> _chunks = [];
        private readonly MemoryStream _bytes = new();

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
                        if (_objects.Count >= TemplateLimits.Default.MaxObjects)
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
                        Text(Name(key));
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
                    Text(Name(name.Value));
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

        /// <summary>A name with the characters PDF syntax reserves written as #xx.</summary>
        private static string Name(string name)
        {
            var sb = new StringBuilder("/");
            var bytes = Encoding.UTF8.GetBytes(name.StartsWith('/') ? name[1..] : name);
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                // A # already followed by two hex digits is an escape the parser kept: written as it came.
                var escape = b == '#' && i + 2 < bytes.Length && Uri.IsHexDigit((char)bytes[i + 1]) && Uri.IsHexDigit((char)bytes[i + 2]);
                if (escape || (b is > 0x20 and < 0x7F && "#()<>[]{}/%".IndexOf((char)b, StringComparison.Ordinal) < 0)) sb.Append((char)b);
                else sb.Append('#').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }
    }
}
