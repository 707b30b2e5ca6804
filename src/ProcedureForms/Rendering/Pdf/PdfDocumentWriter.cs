using System.Buffers;
using System.Text;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Rendering.Layout;
using System.Globalization;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>Document-level facts the PDF carries.</summary>
internal sealed record PdfInfo(string Title, string Subject, DateTime Timestamp, bool PdfA);

/// <summary>
/// Writes <see cref="LayoutDocument"/>s as one PDF: the thin last step. Our own writer of PDF objects (Skia could not
/// place template pages, write form fields or marked content, and deflated the form's font again for every document):
/// each page's content stream comes from <see cref="PageContent"/>, the form's font subset is written from bytes made
/// once per form (<see cref="FormSheet.Font"/>), and the values' characters the form lacks go into a subset of the document's own.
/// </summary>
internal static class PdfDocumentWriter
{

    /// <summary>The code points a layout draws, for the font subset.</summary>
    public static void CollectCodePoints(LayoutDocument document, ISet<int> codePoints)
    {
        foreach (var page in document.Pages)
            foreach (var text in page.Drawn.OfType<TextItem>())
                foreach (var rune in text.Text.EnumerateRunes()) codePoints.Add(rune.Value);
    }

    /// <summary>
    /// What a document draws from its own subset rather than its form's: every text holding a character the form's own
    /// text lacks goes there whole (split between fonts, a name would come back from the PDF as two words), with its
    /// characters and its shaped glyphs.
    /// </summary>
    /// <param name="document">The layout.</param>
    /// <param name="sheet">Its form's sheet.</param>
    /// <param name="font">The full font.</param>
    /// <param name="codePoints">Receives the characters.</param>
    /// <param name="glyphs">Receives the shaped glyphs.</param>
    /// <param name="clusters">Receives what each glyph gives back as text.</param>
    /// <param name="shapedTexts">When given, receives each text's shaped glyphs, so the drawing does not shape it again.</param>
    public static void CollectExtra(LayoutDocument document, FormSheet sheet, FormFont font, ISet<int> codePoints, ISet<uint> glyphs, IDictionary<uint, string> clusters,
        IDictionary<string, (uint, uint, int, int, int)[]>? shapedTexts = null)
    {
        foreach (var page in document.Pages)
            foreach (var text in page.Drawn.OfType<TextItem>())
            {
                if (!InSecond(text, sheet)) continue;
                foreach (var rune in text.Text.EnumerateRunes()) codePoints.Add(rune.Value);
                var utf8 = Encoding.UTF8.GetBytes(text.Text);
                var shaped = font.ShapeInto(utf8, ref t_glyphs);
                foreach (var glyph in shaped) glyphs.Add(glyph.Glyph);
                EmbeddedFont.Clusters(utf8, shaped, clusters);
                if (shapedTexts is not null) shapedTexts.TryAdd(text.Text, shaped.ToArray());
                t_glyphs.AsSpan(0, shaped.Length).Clear(); // glyph ids map back to a resident's text
                Array.Clear(utf8);
            }
    }

    // Shaped glyphs of the text being drawn: one array per thread, reused for every text.
    [ThreadStatic] private static (uint, uint, int, int, int)[]? t_glyphs;

    /// <summary>Whether a text is drawn from the document's subset (the check pass and the drawing agree through this).</summary>
    internal static bool InSecond(TextItem text, FormSheet sheet)
    {
        foreach (var rune in text.Text.EnumerateRunes())
            if (!sheet.CodePoints.Contains(rune.Value)) return true;
        return false;
    }

    /// <summary>
    /// Writes the documents, one after another, into one PDF. <paramref name="documents"/> is read once, lazily; each
    /// comes with its form's sheet. <paramref name="codePoints"/> is everything the check pass saw;
    /// <paramref name="extraCodePoints"/> and <paramref name="extraGlyphs"/> are what the sheets lack.
    /// </summary>
    public static void Write(IEnumerable<(LayoutDocument Layout, FormSheet Sheet)> documents, ISet<int> codePoints, ISet<int> extraCodePoints, ISet<uint> extraGlyphs,
        IReadOnlyDictionary<uint, string> extraClusters, FormFont font, PdfInfo info, Stream output,
        IReadOnlyDictionary<string, (uint, uint, int, int, int)[]>? shapedTexts = null)
    {
        using var extraSubset = extraCodePoints.Count == 0 && extraGlyphs.Count == 0 ? null : ExtraSubset(font, extraCodePoints, extraGlyphs);
        var extra = extraSubset is null ? null : EmbeddedFont.Create(font, extraSubset, extraClusters, extraCodePoints, PdfObjectWriter.PerDocument);
        using var writer = new PdfObjectWriter(output);
        var pageTree = writer.Reserve();
        var kids = new List<int>();
        var fonts = new Dictionary<EmbeddedFont, int>(ReferenceEqualityComparer.Instance);
        int? extraNumber = null;
        var templatePages = new Dictionary<ImportedPageKey, int>();
        var templateObjects = new Dictionary<Templates.ImportedObjects, int[]>(ReferenceEqualityComparer.Instance);
        using var content = new PageContent(font) { Shaped = shapedTexts };
        var form = new AcroFormWriter();
        var starts = new List<(int Page, int Index, string? Label)>(); // each document's first page, for bookmarks and page labels
        using var tree = StructureTree.For(writer);
        var allTagged = true;
        var documentCount = 0;
        foreach (var (document, sheet) in documents)
        {
            var firstPage = true;
            documentCount++;
            allTagged &= document.Tagged;
            if (document.Tagged) tree.BeginDocument(document.Label);
            foreach (var page in document.Pages)
            {
                // The documents are laid out a second time for drawing: if the caller's sequence changed in between, a
                // character outside the subset would print as a box. Refuse instead.
                foreach (var text in page.Drawn.OfType<TextItem>())
                    foreach (var rune in text.Text.EnumerateRunes())
                        if (!codePoints.Contains(rune.Value))
                            throw new InvalidOperationException("The documents changed between the check and the drawing pass: RenderMany needs a sequence that yields the same documents each time.");
                var (width, height) = page.Size ?? (document.Width, document.Height);
                var pageNumber = writer.Reserve();
                var structParents = document.Tagged ? tree.BeginPage(pageNumber) : -1;
                content.Tags = document.Tagged ? tree : null;
                var stream = content.Build(page.Items, height, text => InSecond(text, sheet), sheet.Font, sheet.Runs, extra);
                var resources = FontResources(writer, content, sheet, extra, fonts, ref extraNumber);
                if (content.Templates.Count > 0)
                {
                    // A template page's objects are written once a PDF, however many documents print over it.
                    resources.Append("/XObject<<");
                    for (var i = 0; i < content.Templates.Count; i++)
                    {
                        var key = new ImportedPageKey(content.Templates[i].Page, content.Templates[i].Flattened);
                        if (!templatePages.TryGetValue(key, out var xobject))
                        {
                            var drawing = content.Templates[i].Page.Drawing;
                            if (!templateObjects.TryGetValue(drawing.Objects, out var numbers)) templateObjects[drawing.Objects] = numbers = drawing.Objects.Write(writer);
                            templatePages[key] = xobject = drawing.Write(writer, numbers, key.Flattened);
                        }
                        resources.Append(CultureInfo.InvariantCulture, $"/T{i + 1} {xobject} 0 R");
                    }
                    resources.Append(">>");
                }
                var contents = writer.Stream("", PdfObjectWriter.Deflate(stream), deflated: true);
                Array.Clear(stream); // glyph ids of a resident's text
                var annots = page.Widgets.Count == 0 ? "" : $"/Annots[{string.Join(' ', form.WriteWidgets(writer, page, pageNumber, height, sheet, extra, content, fonts, ref extraNumber))}]";
                if (firstPage) starts.Add((pageNumber, kids.Count, document.Label));
                firstPage = false;
                writer.Object(pageNumber, $"<</Type/Page/Parent {pageTree} 0 R/MediaBox[0 0 {PdfSyntax.Number(width)} {PdfSyntax.Number(height)}]" +
                    $"/Resources<<{resources}>>/Contents {contents} 0 R{annots}{(structParents >= 0 ? $"/StructParents {structParents}/Tabs/S" : "")}>>");
                kids.Add(pageNumber);
            }
        }
        WritePageTree(writer, pageTree, kids);
        var infoNumber = writer.Object($"<</Title {PdfSyntax.Text(info.Title)}/Subject {PdfSyntax.Text(info.Subject)}/Creator(ProcedureForms)/Producer({Producer})" +
            $"/CreationDate{PdfSyntax.Date(info.Timestamp)}/ModDate{PdfSyntax.Date(info.Timestamp)}>>");
        var catalog = new StringBuilder("<</Type/Catalog");
        catalog.Append(CultureInfo.InvariantCulture, $"/Pages {pageTree} 0 R/Lang({Language})/ViewerPreferences<</DisplayDocTitle true>>");
        if (form.Fields.Count > 0) catalog.Append(form.WriteAcroForm(writer));
        if (starts.Count > 1) catalog.Append(Navigation(writer, starts));
        // Tagged only when every document is (a template's own content is not ours to tag); a tagged file claims
        // PDF/UA-1 in its metadata, as docs/accessibility.md says what is checked.
        var tagged = allTagged && !tree.IsEmpty;
        if (tagged) catalog.Append(tree.Write());
        else tree.Abandon();
        var intent = 0;
        if (info.PdfA)
        {
            var profile = writer.Stream("/N 3", PdfObjectWriter.Deflate(SrgbProfile.Value, PdfObjectWriter.Once), deflated: true);
            intent = writer.Object($"<</Type/OutputIntent/S/GTS_PDFA1/OutputConditionIdentifier(sRGB IEC61966-2.1)/Info(sRGB IEC61966-2.1)/DestOutputProfile {profile} 0 R>>");
            catalog.Append(CultureInfo.InvariantCulture, $"/OutputIntents[{intent} 0 R]");
        }
        // The document's id is derived from everything written before it, so the same input gives the same file.
        var hash = writer.ContentHash();
        if (info.PdfA || tagged)
        {
            // Uncompressed, as PDF/A requires; without PDF/A, only what PDF/UA asks for (a few hundred bytes).
            var xmp = Encoding.UTF8.GetBytes(info.PdfA ? Xmp(info, Uuid(hash), tagged) : UaXmp(info));
            var metadata = writer.Stream("/Type/Metadata/Subtype/XML", xmp, deflated: false);
            catalog.Append(CultureInfo.InvariantCulture, $"/Metadata {metadata} 0 R");
        }
        catalog.Append(">>");
        var root = writer.Object(catalog.ToString());
        writer.Finish(root, infoNumber, hash.AsSpan(0, 16));
    }

    /// <summary>
    /// The /Font resources of what <paramref name="content"/> just built: the form's subset as /F1 and the document's as
    /// /F2, each written into the PDF the first time anything uses it.
    /// </summary>
    internal static StringBuilder FontResources(PdfObjectWriter writer, PageContent content, FormSheet sheet, EmbeddedFont? extra,
        Dictionary<EmbeddedFont, int> fonts, ref int? extraNumber)
    {
        var resources = new StringBuilder("/Font<<");
        if (content.FontsUsed.Form)
        {
            if (!fonts.TryGetValue(sheet.Font, out var number)) fonts[sheet.Font] = number = sheet.Font.Write(writer);
            resources.Append(CultureInfo.InvariantCulture, $"/F1 {number} 0 R");
        }
        if (content.FontsUsed.Document)
        {
            extraNumber ??= extra!.Write(writer);
            resources.Append(CultureInfo.InvariantCulture, $"/F2 {extraNumber} 0 R");
        }
        return resources.Append(">>");
    }

    /// <summary>A template page, compared by identity.</summary>
    private readonly record struct ImportedPageKey(Templates.TemplatePage Page, bool Flattened)
    {
        public bool Equals(ImportedPageKey other) => ReferenceEquals(Page, other.Page) && Flattened == other.Flattened;
        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Page) * 2 + (Flattened ? 1 : 0);
    }

    /// <summary>The language of every form's text (the catalog's /Lang).</summary>
    public const string Language = "ja-JP";

    private const string Producer = "ProcedureForms (HarfBuzz)";

    /// <summary>
    /// A file of several documents: a bookmark for each (its label and form title, opening its first page) and page
    /// labels by document (the third document's pages read 3-1, 3-2). Returns the catalog's entries.
    /// </summary>
    private static string Navigation(PdfObjectWriter writer, List<(int Page, int Index, string? Label)> starts)
    {
        var root = writer.Reserve();
        var items = starts.Select(_ => writer.Reserve()).ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var links = (i > 0 ? $"/Prev {items[i - 1]} 0 R" : "") + (i + 1 < items.Count ? $"/Next {items[i + 1]} 0 R" : "");
            writer.Object(items[i], $"<</Title {PdfSyntax.Text(starts[i].Label ?? (i + 1).ToString(CultureInfo.InvariantCulture))}/Parent {root} 0 R{links}/Dest[{starts[i].Page} 0 R/Fit]>>");
        }
        writer.Object(root, $"<</Type/Outlines/First {items[0]} 0 R/Last {items[^1]} 0 R/Count {items.Count}>>");
        var labels = new StringBuilder("/PageLabels<</Nums[");
        for (var i = 0; i < starts.Count; i++)
            labels.Append(CultureInfo.InvariantCulture, $"{starts[i].Index} <</S/D/P({i + 1}-)>> ");
        labels.Append("]>>");
        return $"/Outlines {root} 0 R/PageMode/UseOutlines{labels}";
    }

    private static void WritePageTree(PdfObjectWriter writer, int number, List<int> kids)
    {
        writer.Begin(number);
        writer.Raw("<</Type/Pages/Count "u8);
        writer.Number(kids.Count);
        writer.Raw("/Kids["u8);
        for (var i = 0; i < kids.Count; i++)
        {
            if (i > 0) writer.Raw(" "u8);
            writer.Number(kids[i]);
            writer.Raw(" 0 R"u8);
        }
        writer.Raw("]>>"u8);
        writer.End();
    }

    /// <summary>An RFC 4122 version 5 (name-based) UUID from a content hash.</summary>
    private static string Uuid(byte[] hash)
    {
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    /// <summary>The XMP metadata of a tagged PDF that is not PDF/A: PDF/UA-1's identification and the title (dc:title).</summary>
    private static string UaXmp(PdfInfo info) => $"""
        <?xpacket begin="{'\uFEFF'}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
        <pdfuaid:part>1</pdfuaid:part>
        <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{System.Security.SecurityElement.Escape(info.Title)}</rdf:li></rdf:Alt></dc:title>
        </rdf:Description>
        </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """;

    /// <summary>
    /// The XMP metadata: the title (PDF/UA asks for dc:title), PDF/A-2's identification when asked for (level A when
    /// tagged, B otherwise), and PDF/UA-1's when tagged, with the extension schema PDF/A requires for its namespace.
    /// </summary>
    private static string Xmp(PdfInfo info, string uuid, bool tagged)
    {
        var title = System.Security.SecurityElement.Escape(info.Title);
        var subject = System.Security.SecurityElement.Escape(info.Subject);
        var date = PdfSyntax.XmpDate(info.Timestamp);
        var pdfa = info.PdfA ? $"<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>{(tagged ? "A" : "B")}</pdfaid:conformance>\n" : "";
        var pdfua = tagged ? "<pdfuaid:part>1</pdfuaid:part>\n" : "";
        var extension = info.PdfA && tagged ? PdfUaExtensionSchema : "";
        return $"""
            <?xpacket begin="{'﻿'}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about=""
             xmlns:xmp="http://ns.adobe.com/xap/1.0/"
             xmlns:dc="http://purl.org/dc/elements/1.1/"
             xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
             xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
             xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
             xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
            {pdfa}{pdfua}<xmp:CreateDate>{date}</xmp:CreateDate>
            <xmp:ModifyDate>{date}</xmp:ModifyDate>
            <xmp:CreatorTool>ProcedureForms</xmp:CreatorTool>
            <dc:format>application/pdf</dc:format>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
            <xmpMM:DocumentID>uuid:{uuid}</xmpMM:DocumentID>
            <xmpMM:InstanceID>uuid:{uuid}</xmpMM:InstanceID>
            <pdf:Producer>{Producer}</pdf:Producer>
            </rdf:Description>
            {extension}</rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """;
    }

    // PDF/A admits only the schemas it names or describes: pdfuaid is described here (the PDF/UA Technical
    // Implementation Guide's wording).
    private const string PdfUaExtensionSchema = """
        <rdf:Description rdf:about=""
         xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
         xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
         xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
        <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
        <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
        <pdfaProperty:name>part</pdfaProperty:name>
        <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
        <pdfaProperty:category>internal</pdfaProperty:category>
        <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
        </rdf:li></rdf:Seq></pdfaSchema:property>
        </rdf:li></rdf:Bag></pdfaExtension:schemas>
        </rdf:Description>

        """;

    /// <summary>sRGB IEC61966-2.1, the output intent PDF/A asks for (Graeme W. Gill's profile, public domain).</summary>
    private static readonly Lazy<byte[]> SrgbProfile = new(() =>
    {
        using var stream = typeof(PdfDocumentWriter).Assembly.GetManifestResourceStream("ProcedureForms.Pdf.sRGB.icc")
            ?? throw new InvalidOperationException("The sRGB profile is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>
    /// The document's own subset. The characters almost always reach every shaped glyph; naming glyphs as well makes
    /// HarfBuzz map the whole font back to characters (0.7 ms), so that is done only when a glyph would be missing.
    /// </summary>
    private static FontSubsetter.FontSubset ExtraSubset(FormFont font, ISet<int> codePoints, ISet<uint> glyphs)
    {
        var subset = FontSubsetter.Subset(font, codePoints, closure: false);
        if (glyphs.All(glyph => subset.TryMap(glyph, out _))) return subset;
        subset.Dispose();
        return FontSubsetter.Subset(font, codePoints, glyphs, closure: false);
    }
}
