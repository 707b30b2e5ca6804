using System.Buffers;
using System.Buffers.Text;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>
/// The structure tree of a tagged PDF, built while the pages are written: what the content streams mark with MCIDs,
/// in the order a person reads the form (the order the layout draws it). Text becomes paragraphs, headings and table
/// cells; a drawing that reads as a value (a circled era, a tick) is marked with its ActualText inside its paragraph;
/// rules and boxes are artifacts, outside the tree. A file of several documents gets a Part a document, titled with
/// its bookmark.
/// </summary>
internal sealed class StructureTree
{
    private sealed class Node(string role, Node? parent)
    {
        public string Role { get; } = role;
        public Node? Parent { get; set; } = parent;
        public bool Last { get; init; }
        public bool AfterNext { get; init; }
        public bool Explicit { get; init; }
        public List<Kid> Kids { get; } = [];
        public string? Title { get; init; }
        public string? Scope { get; set; }
        public int Number { get; set; }
    }

    // A child element, or a marked-content sequence on a page (its object number and MCID): no boxing, as a merged print
    // holds these by the hundred thousand.
    private readonly record struct Kid(Node? Node, int Page, int Mcid);

    // Roles whose content is marked straight into them rather than into a paragraph of their own.
    private static readonly HashSet<string> Leaves = ["H1", "H2", "P", "TH", "TD", "Span"];

    private readonly Node _document = new("Document", null);
    private readonly List<List<Node>> _parentTree = [];
    private Node _container;
    private List<Node> _page = [];
    private int _pageObject;

    public StructureTree() => _container = _document;

    /// <summary>Whether anything was tagged.</summary>
    public bool IsEmpty => _document.Kids.Count == 0;

    /// <summary>
    /// The element the layout opened that text is marked into directly (a paragraph, a cell), or null: consecutive
    /// texts of one such element share one marked-content sequence.
    /// </summary>
    public object? OpenLeaf => _container.Explicit && Leaves.Contains(_container.Role) ? _container : null;

    /// <summary>Starts a document, as a Part titled <paramref name="title"/>.</summary>
    public void BeginDocument(string? title)
    {
        // A Part a document; a file of one document loses it when written.
        var node = new Node("Part", _document) { Title = title };
        _document.Kids.Add(new Kid(node, 0, 0));
        _container = node;
    }

    /// <summary>Starts a page (its object number); returns its /StructParents key.</summary>
    public int BeginPage(int pageObject)
    {
        _pageObject = pageObject;
        _page = [];
        _parentTree.Add(_page);
        return _parentTree.Count - 1;
    }

    /// <summary>Opens an element; a row joins the table the container ended with, or starts one.</summary>
    /// <param name="role">The element's role.</param>
    /// <param name="last">Whether it reads after everything else in its container (the staff-only area).</param>
    /// <param name="afterNext">Whether it reads after the element that follows it (furigana above its name).</param>
    public void Open(string role, bool last = false, bool afterNext = false)
    {
        var parent = _container;
        if (role == "TR")
        {
            if (parent.Kids.Count > 0 && parent.Kids[^1].Node is { Role: "Table" } table) parent = table;
            else
            {
                var created = new Node("Table", parent);
                parent.Kids.Add(new Kid(created, 0, 0));
                parent = created;
            }
        }
        var node = new Node(role, parent) { Last = last, AfterNext = afterNext, Explicit = true };
        if (role == "TH")
            // The table's first row heads its columns; a later row's first cell (its number) heads that row.
            node.Scope = parent.Parent is { Role: "Table" } t && t.Kids.Count > 0 && ReferenceEquals(t.Kids[0].Node, parent) ? "Column" : "Row";
        parent.Kids.Add(new Kid(node, 0, 0));
        _container = node;
    }

    /// <summary>Closes the element opened last (a row returns to the table's container).</summary>
    public void Close()
    {
        var closing = _container;
        _container = closing.Role == "TR" ? closing.Parent!.Parent! : closing.Parent ?? _document;
    }

    /// <summary>Marks a piece of content of <paramref name="role"/> and returns its MCID on the current page.</summary>
    public int Content(string role)
    {
        var owner = _container;
        if (!Leaves.Contains(owner.Role))
        {
            owner = new Node(role, _container);
            _container.Kids.Add(new Kid(owner, 0, 0));
        }
        var mcid = _page.Count;
        _page.Add(owner);
        owner.Kids.Add(new Kid(null, _pageObject, mcid));
        return mcid;
    }

    /// <summary>Writes the tree; returns the catalog's entries.</summary>
    public string Write(PdfObjectWriter writer)
    {
        var root = writer.Reserve();
        if (_document.Kids is [{ Node: { Role: "Part" } only }])
        {
            _document.Kids.Clear();
            foreach (var kid in only.Kids)
            {
                if (kid.Node is { } child) child.Parent = _document;
                _document.Kids.Add(kid);
            }
        }
        var nodes = new List<Node>();
        Collect(_document, nodes);
        foreach (var node in nodes) node.Number = writer.Reserve();
        var body = new ArrayBufferWriter<byte>(256);
        foreach (var node in nodes)
        {
            body.ResetWrittenCount();
            Write(body, node, node.Parent?.Number ?? root);
            writer.Object(node.Number, body.WrittenSpan);
        }
        body.ResetWrittenCount();
        Ascii(body, "<</Nums[");
        for (var key = 0; key < _parentTree.Count; key++)
        {
            if (key > 0) Ascii(body, " ");
            Number(body, key);
            Ascii(body, " [");
            for (var i = 0; i < _parentTree[key].Count; i++)
            {
                if (i > 0) Ascii(body, " ");
                Reference(body, _parentTree[key][i].Number);
            }
            Ascii(body, "]");
        }
        Ascii(body, "]>>");
        var parentTree = writer.Reserve();
        writer.Object(parentTree, body.WrittenSpan);
        writer.Object(root, $"<</Type/StructTreeRoot/K {_document.Number} 0 R/ParentTree {parentTree} 0 R/ParentTreeNextKey {_parentTree.Count}>>");
        return $"/MarkInfo<</Marked true>>/StructTreeRoot {root} 0 R";
    }

    private static void Write(ArrayBufferWriter<byte> body, Node node, int parent)
    {
        // Content on one page is named by its MCIDs alone, with the page once (/Pg): the compact form, since a merged
        // print has thousands of these.
        var page = 0;
        var onePage = true;
        foreach (var kid in node.Kids)
            if (kid.Node is null)
            {
                if (page != 0 && kid.Page != page) onePage = false;
                page = kid.Page;
            }
        Ascii(body, "<</S/");
        Ascii(body, node.Role);
        Ascii(body, "/P ");
        Reference(body, parent);
        if (page != 0 && onePage)
        {
            Ascii(body, "/Pg ");
            Reference(body, page);
        }
        if (node.Title is not null)
        {
            Ascii(body, "/T");
            Ascii(body, PdfSyntax.Text(node.Title));
        }
        if (node.Scope is not null)
        {
            Ascii(body, "/A<</O/Table/Scope/");
            Ascii(body, node.Scope);
            Ascii(body, ">>");
        }
        Ascii(body, "/K ");
        if (node.Kids.Count != 1) Ascii(body, "[");
        for (var i = 0; i < node.Kids.Count; i++)
        {
            if (i > 0) Ascii(body, " ");
            var kid = node.Kids[i];
            if (kid.Node is { } child) Reference(body, child.Number);
            else if (onePage) Number(body, kid.Mcid);
            else
            {
                Ascii(body, "<</Type/MCR/Pg ");
                Reference(body, kid.Page);
                Ascii(body, "/MCID ");
                Number(body, kid.Mcid);
                Ascii(body, ">>");
            }
        }
        if (node.Kids.Count != 1) Ascii(body, "]");
        Ascii(body, ">>");
    }

    private static void Ascii(ArrayBufferWriter<byte> body, string text)
    {
        var span = body.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++) span[i] = (byte)text[i];
        body.Advance(text.Length);
    }

    private static void Number(ArrayBufferWriter<byte> body, int value)
    {
        Utf8Formatter.TryFormat(value, body.GetSpan(11), out var written);
        body.Advance(written);
    }

    private static void Reference(ArrayBufferWriter<byte> body, int number)
    {
        Number(body, number);
        Ascii(body, " 0 R");
    }

    private static void Collect(Node node, List<Node> into)
    {
        // What reads last (the staff area) goes after its siblings, wherever the page draws it; furigana, printed
        // above its name, after the name.
        var kids = node.Kids;
        // An element the layout opened and drew no text into (a title line without instructions) is left out; an empty
        // table cell stays, to keep the table's grid.
        kids.RemoveAll(k => k.Node is { Kids.Count: 0, Role: not ("TD" or "TH" or "TR" or "Table") });
        if (kids.Exists(k => k.Node is { Last: true }))
        {
            var ordered = kids.Where(k => k.Node is not { Last: true }).Concat(kids.Where(k => k.Node is { Last: true })).ToList();
            kids.Clear();
            kids.AddRange(ordered);
        }
        for (var i = 0; i + 1 < kids.Count; i++)
            if (kids[i].Node is { AfterNext: true } && kids[i + 1].Node is not null)
            {
                (kids[i], kids[i + 1]) = (kids[i + 1], kids[i]);
                i++;
            }
        into.Add(node);
        foreach (var kid in kids)
            if (kid.Node is { } child) Collect(child, into);
    }
}
