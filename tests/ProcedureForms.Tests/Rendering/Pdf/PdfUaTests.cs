using System.Text.Json;
using System.Xml.Linq;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace ProcedureForms.Tests.Rendering.Pdf;

/// <summary>
/// Issue 18: the machine-checkable failure conditions of the Matterhorn Protocol 1.1 (PDF/UA-1) that apply to our files,
/// on every generated catalog form, blank and filled, and on a merged print. docs/accessibility.md lists each
/// checkpoint, this test's name for it, and the human checks made instead.
/// </summary>
public sealed class PdfUaTests
{
    public static TheoryData<string> GeneratedForms() => ProcedureForms.Tests.Rendering.SheetTests.GeneratedForms();

    // ISO 32000-1 14.8.4's standard structure types: without a role map, no other may appear (02-001).
    private static readonly HashSet<string> Standard =
    [
        "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct", "Private",
        "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot",
        "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP",
        "Figure", "Formula", "Form",
    ];

    [Theory]
    [MemberData(nameof(GeneratedForms))]
    public void Generated_forms_meet_the_machine_checks_of_the_Matterhorn_protocol(string name)
    {
        var (form, submissions) = StructureDump.BlankAndFilled(name);
        foreach (var submission in submissions) Check(FormRenderer.Render(form, submission), form.Title, documents: 1);
    }

    [Fact]
    public void A_merged_print_meets_them_with_a_part_a_document()
    {
        var form = ProcedureForm.FromFile(Forms.ChildAllowancePath);
        var submission = Forms.Json(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json")));
        using var output = new MemoryStream();
        FormRenderer.RenderManyLabelled([(form, submission, "1行目"), (form, submission, "2行目"), (form, null, "3行目")], output);
        Check(output.ToArray(), form.Title, documents: 3);
    }

    [Fact]
    public void PdfA_output_of_a_tagged_form_claims_level_A_and_describes_the_PDF_UA_schema()
    {
        var form = ProcedureForm.FromFile(Forms.ChildAllowancePath);
        using var document = PdfDocument.Open(FormRenderer.Render(form, null, new RenderOptions { PdfA = true }));
        Assert.True(document.TryGetXmpMetadata(out var xmp));
        var xml = Xmp(xmp);
        XNamespace pdfaid = "http://www.aiim.org/pdfa/ns/id/", schema = "http://www.aiim.org/pdfa/ns/schema#";
        Assert.Equal("2", xml.Descendants(pdfaid + "part").Single().Value);
        Assert.Equal("A", xml.Descendants(pdfaid + "conformance").Single().Value);
        // PDF/A admits a namespace it does not predefine only with its extension schema.
        Assert.Equal("http://www.aiim.org/pdfua/ns/id/", xml.Descendants(schema + "namespaceURI").Single().Value);
    }

    private static void Check(byte[] pdf, string title, int documents)
    {
        using var document = PdfDocument.Open(pdf);
        var catalog = document.Structure.Catalog.CatalogDictionary;
        IToken Get(DictionaryToken d, string key) => d.Data.TryGetValue(key, out var t) ? Resolve(document, t) : throw new Xunit.Sdk.XunitException($"no /{key}");

        // 06-001, 06-002, 06-003: XMP metadata with the PDF/UA identifier and the title.
        Assert.True(document.TryGetXmpMetadata(out var xmp), "06-001: no metadata stream");
        var xml = Xmp(xmp);
        Assert.Equal("1", xml.Descendants(XName.Get("part", "http://www.aiim.org/pdfua/ns/id/")).Single().Value);
        Assert.Equal(title, xml.Descendants(XName.Get("title", "http://purl.org/dc/elements/1.1/")).Single().Value);
        Assert.Equal(title, document.Information.Title);
        // 07-001, 07-002: the viewer shows the title, not the file name.
        var preferences = (DictionaryToken)Get(catalog, "ViewerPreferences");
        Assert.True(((BooleanToken)Get(preferences, "DisplayDocTitle")).Data, "07-002");
        // 11-001: the natural language, a valid BCP 47 tag.
        Assert.Matches("^[a-z]{2,3}(-[A-Z]{2})?$", ((StringToken)Get(catalog, "Lang")).Data);
        // 01-001 (with TaggedPdfTests' walk of every content item): marked, and not suspect.
        var markInfo = (DictionaryToken)Get(catalog, "MarkInfo");
        Assert.True(((BooleanToken)Get(markInfo, "Marked")).Data);
        Assert.False(markInfo.Data.TryGetValue("Suspects", out var suspects) && ((BooleanToken)suspects).Data);
        // 26-001: not encrypted.
        Assert.False(document.IsEncrypted);

        // 02, 09, 14, 15, 24: the structure tree.
        var root = (DictionaryToken)Get(catalog, "StructTreeRoot");
        Assert.False(root.Data.ContainsKey("RoleMap"), "no custom roles, so no role map");
        var elements = new List<(string Role, string? Parent, DictionaryToken Element)>();
        Walk(document, Get(root, "K"), null, elements);
        Assert.All(elements, e => Assert.Contains(e.Role, Standard)); // 02-001
        Assert.Equal("Document", elements[0].Role);
        Assert.Equal(documents > 1 ? documents : 0, elements.Count(e => e.Role == "Part"));
        foreach (var (role, parent, element) in elements)
        {
            // 09-004: table structure.
            if (role == "TR") Assert.Equal("Table", parent);
            if (role is "TH" or "TD") Assert.Equal("TR", parent);
            if (parent == "Table") Assert.Equal("TR", role);
            // 15-003: every header cell says what it heads.
            if (role == "TH") Assert.True(Attribute(document, element, "Scope") is NameToken { Data: "Column" or "Row" or "Both" }, "15-003: a TH without Scope");
            // 24-001: a printed form field is a Form element that says what kind of field it is; nothing else carries that.
            if (role == "Form") Assert.True(Attribute(document, element, "Role") is NameToken { Data: "tv" or "rb" or "cb" }, "24-001: a Form without PrintField");
            else Assert.Null(Attribute(document, element, "Role"));
            // A filled table cell holds its value as a field.
            if (parent == "TD") Assert.Equal("Form", role);
        }
        // 15: every row of a table has as many cells as the others.
        foreach (var (_, _, table) in elements.Where(e => e.Role == "Table"))
        {
            var rows = Resolve(document, table.Data["K"]) is ArrayToken r ? r.Data.Select(t => (DictionaryToken)Resolve(document, t)).ToList() : [(DictionaryToken)Resolve(document, table.Data["K"])];
            Assert.Single(rows.Select(row => Resolve(document, row.Data["K"]) is ArrayToken cells ? cells.Length : 1).Distinct());
        }
        // 14-002, 14-003: each document's headings start at H1 and skip no level.
        var level = 0;
        foreach (var (role, _, _) in elements)
        {
            if (role is "Part") level = 0;
            if (role is not ("H1" or "H2" or "H3" or "H4" or "H5" or "H6")) continue;
            var next = role[1] - '0';
            Assert.True(next <= level + 1, $"14-003: {role} after H{level}");
            level = next;
        }
        Assert.Equal(documents, elements.Count(e => e.Role == "H1"));

        // 31-001 and 10-001: fonts embedded, each with a ToUnicode map; 28-002: no annotations to tag; 13-004: no images
        // (so no Figure without alternative text).
        foreach (var page in document.GetPages())
        {
            Assert.False(page.Dictionary.Data.ContainsKey("Annots"), "generated forms carry no annotations");
            Assert.Equal(0, page.NumberOfImages);
            var resources = (DictionaryToken)Get(page.Dictionary, "Resources");
            foreach (var (_, reference) in ((DictionaryToken)Get(resources, "Font")).Data)
            {
                var font = (DictionaryToken)Resolve(document, reference);
                Assert.True(font.Data.ContainsKey("ToUnicode"), "10-001: a font without ToUnicode");
                var descendant = (DictionaryToken)Resolve(document, ((ArrayToken)Get(font, "DescendantFonts")).Data[0]);
                Assert.Equal("Identity", ((NameToken)Get(descendant, "CIDToGIDMap")).Data);
                Assert.True(((DictionaryToken)Get(descendant, "FontDescriptor")).Data.ContainsKey("FontFile2"), "31-001: a font not embedded");
            }
        }
    }

    // XMP is UTF-8 (PdfPig's own GetXDocument reads it as Latin-1).
    private static XDocument Xmp(UglyToad.PdfPig.Content.XmpMetadata xmp) => XDocument.Parse(System.Text.Encoding.UTF8.GetString(xmp.GetXmlBytes().ToArray()).TrimStart('\uFEFF'));

    private static IToken? Attribute(PdfDocument document, DictionaryToken element, string key)
    {
        if (!element.Data.TryGetValue("A", out var a)) return null;
        var attributes = Resolve(document, a);
        foreach (var item in attributes is ArrayToken array ? array.Data : [attributes])
            if (Resolve(document, item) is DictionaryToken d && d.Data.TryGetValue(key, out var value)) return value;
        return null;
    }

    private static void Walk(PdfDocument document, IToken token, string? parent, List<(string, string?, DictionaryToken)> into)
    {
        if (token is ArrayToken array)
        {
            foreach (var item in array.Data) Walk(document, Resolve(document, item), parent, into);
            return;
        }
        if (token is not DictionaryToken element || !element.Data.TryGetValue("S", out var s) || s is not NameToken role) return;
        into.Add((role.Data, parent, element));
        if (element.Data.TryGetValue("K", out var kids)) Walk(document, Resolve(document, kids), role.Data, into);
    }

    private static IToken Resolve(PdfDocument document, IToken token) => StructureDump.Resolve(document, token);
}
