using System.Text;
using System.Text.Json;
using ProcedureForms.Definitions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Tokens;

namespace ProcedureForms.Tests.Rendering.Pdf;

/// <summary>
/// A tagged PDF's structure tree as a reader gets it, one element a line, indented by depth: its role, its attributes,
/// and the text of its marked content (the ActualText where the content carries one, as screen readers and extractors
/// read it; otherwise the glyphs' text). Read with PdfPig, independently of the writer.
/// </summary>
internal static class StructureDump
{
    /// <summary>A generated catalog form and the submissions its tagging is checked with: none (blank) and its valid sample.</summary>
    public static (ProcedureForm Form, JsonElement?[] Submissions) BlankAndFilled(string name)
    {
        var (_, path, submissions) = Forms.SampleForms().Single(f => f.Name == name);
        var valid = Path.Combine(submissions, "valid.json");
        return (ProcedureForm.FromFile(path), new JsonElement?[] { null, File.Exists(valid) ? Forms.Json(File.ReadAllText(valid)) : null }.Distinct().ToArray());
    }

    public static string Of(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var catalog = document.Structure.Catalog.CatalogDictionary;
        // Pages by object number, and each page's marked content by MCID.
        var pages = new Dictionary<long, Dictionary<int, string>>();
        var pageTree = Resolve(document, catalog.Data["Pages"]) as DictionaryToken ?? throw new InvalidOperationException("no page tree");
        var kids = (ArrayToken)Resolve(document, pageTree.Data["Kids"]);
        for (var i = 0; i < kids.Length; i++)
        {
            var page = document.GetPage(i + 1);
            var content = new Dictionary<int, string>();
            foreach (var marked in page.GetMarkedContents()) Collect(marked, content);
            pages[((IndirectReferenceToken)kids[i]).Data.ObjectNumber] = content;
        }
        var root = (DictionaryToken)Resolve(document, catalog.Data["StructTreeRoot"]);
        var output = new StringBuilder();
        Walk(document, Resolve(document, root.Data["K"]), null, pages, 0, output);
        return output.ToString();
    }

    private static void Collect(MarkedContentElement marked, Dictionary<int, string> into)
    {
        if (marked.MarkedContentIdentifier >= 0 && !marked.IsArtifact)
            into[marked.MarkedContentIdentifier] = marked.ActualText ?? string.Concat(marked.Letters.Select(l => l.Value)) + string.Concat(marked.Children.Select(Text));
        foreach (var child in marked.Children) Collect(child, into);
    }

    private static string Text(MarkedContentElement marked) =>
        marked.ActualText ?? string.Concat(marked.Letters.Select(l => l.Value)) + string.Concat(marked.Children.Select(Text));

    private static void Walk(PdfDocument document, IToken token, long? page, Dictionary<long, Dictionary<int, string>> pages, int depth, StringBuilder output)
    {
        if (token is ArrayToken array)
        {
            foreach (var item in array.Data) Walk(document, Resolve(document, item), page, pages, depth, output);
            return;
        }
        if (token is not DictionaryToken element || !element.Data.TryGetValue("S", out var s) || s is not NameToken role) return;
        var own = element.Data.TryGetValue("Pg", out var pg) && pg is IndirectReferenceToken p ? p.Data.ObjectNumber : page;
        var line = new StringBuilder(new string(' ', 2 * depth)).Append(role.Data);
        if (element.Data.TryGetValue("T", out var title) && title is StringToken or HexToken) line.Append(" \"").Append(Value(title)).Append('"');
        if (element.Data.TryGetValue("A", out var a) && Resolve(document, a) is DictionaryToken attributes)
        {
            if (attributes.Data.TryGetValue("Scope", out var scope)) line.Append(" [").Append(((NameToken)scope).Data).Append(']');
            // A printed form field: its kind, and a tick box's state.
            if (attributes.Data.TryGetValue("O", out var owner) && owner is NameToken { Data: "PrintField" })
            {
                line.Append(" {").Append(((NameToken)attributes.Data["Role"]).Data);
                if (attributes.Data.TryGetValue("checked", out var state)) line.Append(' ').Append(((NameToken)state).Data);
                line.Append('}');
            }
        }
        var texts = new List<string>();
        var children = new List<IToken>();
        var k = element.Data.TryGetValue("K", out var kToken) ? Resolve(document, kToken) : null;
        foreach (var kid in k is ArrayToken list ? list.Data : k is null ? [] : [k])
        {
            var resolved = kid is IndirectReferenceToken ? Resolve(document, kid) : kid;
            switch (resolved)
            {
                case NumericToken mcid:
                    texts.Add(pages[own!.Value].GetValueOrDefault(mcid.Int, "?"));
                    break;
                case DictionaryToken d when d.Data.TryGetValue("Type", out var type) && type is NameToken { Data: "MCR" }:
                    var mcrPage = ((IndirectReferenceToken)d.Data["Pg"]).Data.ObjectNumber;
                    texts.Add(pages[mcrPage].GetValueOrDefault(((NumericToken)d.Data["MCID"]).Int, "?"));
                    break;
                default:
                    children.Add(resolved);
                    break;
            }
        }
        if (texts.Count > 0) line.Append(": ").Append(string.Join(" | ", texts));
        output.Append(line).Append('\n');
        foreach (var child in children) Walk(document, child, own, pages, depth + 1, output);
    }

    private static string Value(IToken token) => token switch
    {
        StringToken s => s.Data,
        HexToken h => h.Data,
        _ => token.ToString() ?? "",
    };

    /// <summary>The object a reference points to, or the token itself.</summary>
    internal static IToken Resolve(PdfDocument document, IToken token) =>
        token is IndirectReferenceToken reference ? document.Structure.GetObject(reference.Data).Data : token;
}
