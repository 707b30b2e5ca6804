using System.Globalization;
using System.Text;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>
/// The structure tree of a tagged PDF, built while the pages are written: what the content streams mark with MCIDs,
/// in the order a person reads the form (the order the layout draws it). Text becomes paragraphs, headings and table
/// cells; a drawing that reads as a value (a circled era, a tick) becomes one Span with its ActualText; rules and boxes
/// are artifacts, outside the tree. A file of several documents gets a Part a document, titled with its bookmark.
/// </summary>
internal sealed class StructureTree
{
    private sealed class Node(string role, Node? parent)
    {
        public string Role { get; } = role;
        public Node? Parent { get; set; } = parent;
        public bool Last { get; init; }
        public List<object> Kids { get; } = []; // Node, or (page object, MCID)
        public string? Title { get; init; }
        public string? Scope { get; set; }
        public int Number { get; set; }
    }

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

    /// <summary>Starts a document, as a Part titled <paramref name="title"/>.</summary>
    public void BeginDocument(string? title)
    {
        // A Part a document; a file of one document loses it when written.
        var node = new Node("Part", _document) { Title = title };
        _document.Kids.Add(node);
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
    public void Open(string role, bool last = false)
    {
        var parent = _container;
        if (role == "TR")
        {
            if (parent.Kids.Count > 0 && parent.Kids[^1] is Node { Role: "Table" } table) parent = table;
            else
            {
                var created = new Node("Table", parent);
                parent.Kids.Add(created);
                parent = created;
            }
        }
        var node = new Node(role, parent) { Last = last };
        if (role == "TH")
            // The table's first row heads its columns; a later row's first cell (its number) heads that row.
            node.Scope = parent.Parent is { Role: "Table" } t && t.Kids.Count > 0 && ReferenceEquals(t.Kids[0], parent) ? "Column" : "Row";
        parent.Kids.Add(node);
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
            _container.Kids.Add(owner);
        }
        var mcid = _page.Count;
        _page.Add(owner);
        owner.Kids.Add((_pageObject, mcid));
        return mcid;
    }

    /// <summary>Writes the tree; returns the catalog's entries.</summary>
    public string Write(PdfObjectWriter writer)
    {
        var root = writer.Reserve();
        if (_document.Kids is [Node { Role: "Part" } only])
        {
            _document.Kids.Clear();
            foreach (var kid in only.Kids)
            {
                if (kid is Node child) child.Parent = _document;
                _document.Kids.Add(kid);
            }
        }
        var nodes = new List<Node>();
        Collect(_document, nodes);
        foreach (var node in nodes) node.Number = writer.Reserve();
        foreach (var node in nodes)
        {
            // Content on one page is named by its MCIDs alone, with the page once (/Pg): the compact form, since a
            // merged print has thousands of these.
            var pages = node.Kids.OfType<ValueTuple<int, int>>().Select(m => m.Item1).Distinct().ToList();
            var onePage = pages.Count == 1 ? pages[0] : (int?)null;
            var kids = new StringBuilder();
            foreach (var kid in node.Kids)
                kids.Append(kid switch
                {
                    Node child => $"{child.Number} 0 R ",
                    ValueTuple<int, int> mcr when onePage is not null => $"{mcr.Item2} ",
                    ValueTuple<int, int> mcr => $"<</Type/MCR/Pg {mcr.Item1} 0 R/MCID {mcr.Item2}>> ",
                    _ => "",
                });
            var parent = node.Parent?.Number ?? root;
            var title = node.Title is null ? "" : "/T" + PdfSyntax.Text(node.Title);
            var scope = node.Scope is null ? "" : $"/A<</O/Table/Scope/{node.Scope}>>";
            var page = onePage is { } p ? $"/Pg {p} 0 R" : "";
            var k = node.Kids.Count == 1 ? kids.ToString().TrimEnd() : $"[{kids.ToString().TrimEnd()}]";
            writer.Object(node.Number, $"<</S/{node.Role}/P {parent} 0 R{page}{title}{scope}/K {k}>>");
        }
        var nums = new StringBuilder();
        for (var key = 0; key < _parentTree.Count; key++)
            nums.Append(CultureInfo.InvariantCulture, $"{key} [{string.Join(' ', _parentTree[key].Select(n => $"{n.Number} 0 R"))}] ");
        var parentTree = writer.Object($"<</Nums[{nums.ToString().TrimEnd()}]>>");
        writer.Object(root, $"<</Type/StructTreeRoot/K {_document.Number} 0 R/ParentTree {parentTree} 0 R/ParentTreeNextKey {_parentTree.Count}>>");
        return $"/MarkInfo<</Marked true>>/StructTreeRoot {root} 0 R";
    }

    private static void Collect(Node node, List<Node> into)
    {
        // What reads last (the staff area) goes after its siblings, wherever the page draws it.
        var ordered = node.Kids.Where(k => k is not Node { Last: true }).Concat(node.Kids.Where(k => k is Node { Last: true })).ToList();
        node.Kids.Clear();
        node.Kids.AddRange(ordered);
        into.Add(node);
        foreach (var kid in node.Kids)
            if (kid is Node child) Collect(child, into);
    }
}
