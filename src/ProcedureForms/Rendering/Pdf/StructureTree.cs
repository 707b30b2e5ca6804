using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>
/// The structure tree of a tagged PDF, built while the pages are written: what the content streams mark with MCIDs,
/// in the order a person reads the form (the order the layout draws it). Text becomes paragraphs, headings and table
/// cells; a drawing that reads as a value (a circled era, a tick) is marked with its ActualText inside its paragraph;
/// rules and boxes are artifacts, outside the tree. A file of several documents gets a Part a document, titled with
/// its bookmark, written out when the next document starts: a merged print of thousands holds one document's tree.
/// Elements and their children are kept in flat lists reused from one document to the next, and one tree a thread
/// from one PDF to the next (<see cref="For"/>), since a print file has a hundred thousand of them.
/// </summary>
internal sealed class StructureTree : IDisposable
{
    private struct Element
    {
        // Roles, titles and attributes are indexes into _strings: an element holds no reference, so the lists copy it
        // without write barriers and the collector never walks them.
        public int Role;
        public int Parent; // -1: the Document
        public int FirstKid, LastKid; // in _kids, -1 when none
        public int KidCount;
        public int Title; // -1: none
        public int Scope;
        public int PrintField;
        public bool Last, AfterNext, Explicit, Leaf;
        public int Number; // its object, once numbered
    }

    // A child element, or a marked-content sequence on a page (its object number and MCID); Next links the siblings.
    private struct Kid
    {
        public int Element; // -1: marked content
        public int Page;
        public int Mcid;
        public int Next;
    }

    // Roles whose content is marked straight into them rather than into a paragraph of their own.
    private static readonly HashSet<string> Leaves = ["H1", "H2", "P", "TH", "TD", "Span", "Form"];

    private const int DocumentIndex = 0;
    private PdfObjectWriter _writer = null!;
    private readonly List<Element> _elements = [];
    private readonly List<string> _strings = [];
    private readonly Dictionary<string, int> _stringIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _scopes = new(StringComparer.Ordinal); // this PDF's attribute objects, by value
    private readonly Dictionary<string, int> _printFields = new(StringComparer.Ordinal);
    private readonly List<Kid> _kids = [];
    private readonly List<int> _writtenParts = []; // the Parts of finished documents, already written
    private readonly List<int[]> _writtenPages = []; // the parent tree of their pages: element numbers by MCID
    private readonly List<int> _owners = []; // the element of each MCID of the pages not yet written, page after page
    private readonly List<int> _pageStarts = []; // where each of those pages starts in _owners
    private readonly List<int> _order = [];
    private readonly List<Kid> _scratch = [];
    private readonly ArrayBufferWriter<byte> _body = new(256);
    private int _container;
    private int _pageObject;
    private int _root;
    private int _documents;

    [ThreadStatic] private static StructureTree? t_tree;
    private bool _inUse;

    private StructureTree()
    {
    }

    /// <summary>This thread's tree, emptied, for a PDF <paramref name="writer"/> writes.</summary>
    public static StructureTree For(PdfObjectWriter writer)
    {
        // A PDF written while another is being written on this thread (from inside the caller's sequence) gets a tree
        // of its own.
        var tree = t_tree is { _inUse: false } cached ? cached : new StructureTree();
        t_tree ??= tree;
        tree._inUse = true;
        tree._writer = writer;
        tree._writtenParts.Clear();
        tree._writtenPages.Clear();
        tree._owners.Clear();
        tree._pageStarts.Clear();
        tree._root = 0;
        tree._scopes.Clear();
        tree._printFields.Clear();
        tree._documents = 0;
        tree.Reset();
        return tree;
    }

    /// <summary>
    /// The file is not tagged after all (a template form among the documents): the objects the tree numbered for its
    /// root and document are written as null, so every number in the file is an object.
    /// </summary>
    public void Abandon()
    {
        if (_root != 0) _writer.Object(_root, "null");
        if (E(DocumentIndex).Number != 0) _writer.Object(E(DocumentIndex).Number, "null");
    }

    /// <summary>Lets go of the PDF: nothing of it (its writer, its labels) stays with the thread's tree.</summary>
    public void Dispose()
    {
        Reset();
        _writtenParts.Clear();
        _writtenPages.Clear();
        _owners.Clear();
        _pageStarts.Clear();
        _scopes.Clear();
        _printFields.Clear();
        _body.Clear();
        _writer = null!;
        _inUse = false;
    }

    /// <summary>Whether anything was tagged.</summary>
    public bool IsEmpty => _writtenParts.Count == 0 && E(DocumentIndex).KidCount == 0;

    /// <summary>
    /// The element the layout opened that text is marked into directly (a paragraph, a cell), or -1: consecutive texts
    /// of one such element share one marked-content sequence.
    /// </summary>
    public int OpenLeaf => E(_container).Explicit && E(_container).Leaf ? _container : -1;

    /// <summary>Starts a document, as a Part titled <paramref name="title"/>.</summary>
    public void BeginDocument(string? title)
    {
        // A Part a document; a file of one document loses it when written. The document before is finished: its
        // elements are written now.
        if (_documents++ > 0 && _elements.Count > 1) WritePart();
        _container = Add("Part", DocumentIndex, title: title);
    }

    /// <summary>Starts a page (its object number); returns its /StructParents key.</summary>
    public int BeginPage(int pageObject)
    {
        _pageObject = pageObject;
        _pageStarts.Add(_owners.Count);
        return _writtenPages.Count + _pageStarts.Count - 1;
    }

    /// <summary>Opens an element; a row joins the table the container ended with, or starts one.</summary>
    /// <param name="role">The element's role.</param>
    /// <param name="last">Whether it reads after everything else in its container (the staff-only area).</param>
    /// <param name="afterNext">Whether it reads after the element that follows it (furigana above its name).</param>
    /// <param name="printField">The printed form field it is (PrintField's role and state), or null.</param>
    public void Open(string role, bool last = false, bool afterNext = false, string? printField = null)
    {
        var parent = _container;
        if (role == "TR")
        {
            var lastKid = E(parent).LastKid;
            parent = lastKid >= 0 && _kids[lastKid].Element is >= 0 and var table && RoleOf(table) == "Table" ? table : Add("Table", parent);
        }
        string? scope = null;
        if (role == "TH")
        {
            // The table's first row heads its columns; a later row's first cell (its number) heads that row.
            ref readonly var row = ref E(parent);
            scope = row.Parent >= 0 && RoleOf(row.Parent) == "Table" && _kids[E(row.Parent).FirstKid].Element == parent ? "Column" : "Row";
        }
        _container = Add(role, parent, last, afterNext, scope: scope);
        Ref(_container).PrintField = Intern(printField);
    }

    /// <summary>Closes the element opened last (a row returns to the table's container).</summary>
    public void Close()
    {
        ref readonly var closing = ref E(_container);
        _container = _strings[closing.Role] == "TR" ? E(closing.Parent).Parent : Math.Max(closing.Parent, DocumentIndex);
    }

    /// <summary>Marks a piece of content of <paramref name="role"/> and returns its MCID on the current page.</summary>
    public int Content(string role)
    {
        var owner = E(_container).Leaf ? _container : Add(role, _container, @explicit: false);
        var mcid = _owners.Count - _pageStarts[^1];
        _owners.Add(owner);
        Link(owner, new Kid { Element = -1, Page = _pageObject, Mcid = mcid });
        return mcid;
    }

    /// <summary>Writes the tree (what is left of it); returns the catalog's entries.</summary>
    public string Write()
    {
        ref var document = ref Ref(DocumentIndex);
        if (_writtenParts.Count == 0 && document.KidCount == 1)
        {
            // One document: its Part goes, its elements hang from the Document.
            var part = _kids[document.FirstKid].Element;
            ref var only = ref Ref(part);
            document.FirstKid = only.FirstKid;
            document.LastKid = only.LastKid;
            document.KidCount = only.KidCount;
            for (var k = document.FirstKid; k >= 0; k = _kids[k].Next)
                if (_kids[k].Element >= 0) Ref(_kids[k].Element).Parent = DocumentIndex;
        }
        else if (document.KidCount > 0)
        {
            WritePart();
        }
        WriteElements(DocumentIndex);
        KeepPageNumbers();
        var body = _body;
        body.ResetWrittenCount();
        Ascii(body, "<</Nums[");
        var key = 0;
        foreach (var numbers in _writtenPages)
        {
            if (key > 0) Ascii(body, " ");
            Number(body, key++);
            Ascii(body, " [");
            for (var i = 0; i < numbers.Length; i++)
            {
                if (i > 0) Ascii(body, " ");
                Reference(body, numbers[i]);
            }
            Ascii(body, "]");
        }
        Ascii(body, "]>>");
        var parentTree = _writer.Reserve();
        _writer.Object(parentTree, body.WrittenSpan);
        _writer.Object(Root, $"<</Type/StructTreeRoot/K {E(DocumentIndex).Number} 0 R/ParentTree {parentTree} 0 R/ParentTreeNextKey {key}>>");
        var entries = $"/MarkInfo<</Marked true>>/StructTreeRoot {Root} 0 R";
        // Nothing of this PDF stays with the thread's tree.
        Reset();
        _writtenPages.Clear();
        _writer = null!;
        return entries;
    }

    private int Root => _root == 0 ? _root = _writer.Reserve() : _root;

    /// <summary>The object holding an attribute dictionary (<paramref name="prefix"/> then <paramref name="value"/>), written the first time a PDF asks for it.</summary>
    private int Attributes(Dictionary<string, int> written, string prefix, string value)
    {
        if (written.TryGetValue(value, out var number)) return number;
        number = _writer.Object("<<" + prefix + value + ">>");
        written[value] = number;
        return number;
    }

    private ref Element Ref(int index) => ref CollectionsMarshal.AsSpan(_elements)[index];

    // Read in place (a list's indexer copies the struct).
    private ref readonly Element E(int index) => ref CollectionsMarshal.AsSpan(_elements)[index];

    private string RoleOf(int index) => _strings[E(index).Role];

    /// <summary>The index of <paramref name="text"/> in the tree's strings (-1 for null).</summary>
    private int Intern(string? text)
    {
        if (text is null) return -1;
        if (_stringIndex.TryGetValue(text, out var index)) return index;
        _strings.Add(text);
        return _stringIndex[text] = _strings.Count - 1;
    }

    private int Add(string role, int parent, bool last = false, bool afterNext = false, string? title = null, string? scope = null, bool @explicit = true)
    {
        _elements.Add(new Element
        {
            Role = Intern(role), Parent = parent, FirstKid = -1, LastKid = -1, Title = Intern(title), Scope = Intern(scope), PrintField = -1,
            Last = last, AfterNext = afterNext, Explicit = @explicit,
            Leaf = Leaves.Contains(role),
        });
        var index = _elements.Count - 1;
        if (parent >= 0) Link(parent, new Kid { Element = index });
        return index;
    }

    private void Link(int parent, Kid kid)
    {
        kid.Next = -1;
        _kids.Add(kid);
        var index = _kids.Count - 1;
        ref var element = ref Ref(parent);
        if (element.LastKid >= 0) CollectionsMarshal.AsSpan(_kids)[element.LastKid].Next = index;
        else element.FirstKid = index;
        element.LastKid = index;
        element.KidCount++;
    }

    /// <summary>Writes the finished document's Part, and keeps of its pages only the numbers the parent tree needs.</summary>
    private void WritePart()
    {
        var part = _kids[E(DocumentIndex).FirstKid].Element;
        if (E(DocumentIndex).Number == 0) Ref(DocumentIndex).Number = _writer.Reserve();
        WriteElements(part);
        _writtenParts.Add(E(part).Number);
        KeepPageNumbers();
        var documentNumber = E(DocumentIndex).Number;
        Reset();
        Ref(DocumentIndex).Number = documentNumber;
    }

    /// <summary>Turns the pages not yet kept into the element numbers of their MCIDs, all the parent tree needs of them.</summary>
    private void KeepPageNumbers()
    {
        for (var p = 0; p < _pageStarts.Count; p++)
        {
            var end = p + 1 < _pageStarts.Count ? _pageStarts[p + 1] : _owners.Count;
            var numbers = new int[end - _pageStarts[p]];
            for (var i = 0; i < numbers.Length; i++) numbers[i] = E(_owners[_pageStarts[p] + i]).Number;
            _writtenPages.Add(numbers);
        }
        _pageStarts.Clear();
        _owners.Clear();
    }

    private void Reset()
    {
        _elements.Clear();
        _kids.Clear();
        _strings.Clear();
        _stringIndex.Clear();
        _elements.Add(new Element { Role = Intern("Document"), Parent = -1, FirstKid = -1, LastKid = -1, Title = -1, Scope = -1, PrintField = -1 });
        _container = DocumentIndex;
    }

    /// <summary>Numbers and writes <paramref name="top"/> and the elements under it.</summary>
    private void WriteElements(int top)
    {
        _order.Clear();
        Collect(top);
        foreach (var index in _order)
            if (E(index).Number == 0) Ref(index).Number = _writer.Reserve();
        foreach (var index in _order)
        {
            _body.ResetWrittenCount();
            Write(_body, index);
            _writer.Object(E(index).Number, _body.WrittenSpan);
        }
    }

    private void Write(ArrayBufferWriter<byte> body, int index)
    {
        ref readonly var node = ref E(index);
        // Content on one page is named by its MCIDs alone, with the page once (/Pg): the compact form, since a merged
        // print has thousands of these.
        var page = 0;
        var onePage = true;
        for (var k = node.FirstKid; k >= 0; k = _kids[k].Next)
            if (_kids[k].Element < 0)
            {
                if (page != 0 && _kids[k].Page != page) onePage = false;
                page = _kids[k].Page;
            }
        Ascii(body, "<</S/");
        Ascii(body, _strings[node.Role]);
        Ascii(body, "/P ");
        Reference(body, node.Parent >= 0 ? E(node.Parent).Number : Root);
        if (page != 0 && onePage)
        {
            Ascii(body, "/Pg ");
            Reference(body, page);
        }
        if (node.Title >= 0)
        {
            Ascii(body, "/T");
            Ascii(body, PdfSyntax.Text(_strings[node.Title]));
        }
        if (node.Scope >= 0 || node.PrintField >= 0)
        {
            // Attribute objects are shared: a file has a handful of different ones and thousands of cells.
            Ascii(body, "/A ");
            Reference(body, node.Scope >= 0 ? Attributes(_scopes, "/O/Table/Scope/", _strings[node.Scope]) : Attributes(_printFields, "/O/PrintField/Role/", _strings[node.PrintField]));
        }
        Ascii(body, "/K ");
        // The Document of a merged print: the Parts written before, then what is left.
        var count = node.KidCount + (index == DocumentIndex ? _writtenParts.Count : 0);
        if (count != 1) Ascii(body, "[");
        var first = true;
        if (index == DocumentIndex)
            foreach (var part in _writtenParts)
            {
                if (!first) Ascii(body, " ");
                first = false;
                Reference(body, part);
            }
        for (var k = node.FirstKid; k >= 0; k = _kids[k].Next)
        {
            if (!first) Ascii(body, " ");
            first = false;
            var kid = _kids[k];
            if (kid.Element >= 0) Reference(body, E(kid.Element).Number);
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
        if (count != 1) Ascii(body, "]");
        Ascii(body, ">>");
    }

    /// <summary>
    /// Puts <paramref name="index"/> and the elements under it into <see cref="_order"/>, in reading order: what reads
    /// last (the staff area) after its siblings, wherever the page draws it; furigana, printed above its name, after the
    /// name. An element the layout opened and drew no text into (a title line without instructions) is left out; an
    /// empty table cell stays, to keep the table's grid.
    /// </summary>
    private void Collect(int index)
    {
        // A paragraph or a cell holding only its marked content: nothing to order.
        if (E(index).Leaf && OnlyContent(index))
        {
            _order.Add(index);
            return;
        }
        var kids = _scratch;
        var start = kids.Count;
        for (var k = E(index).FirstKid; k >= 0; k = _kids[k].Next)
        {
            var kid = _kids[k];
            if (kid.Element >= 0 && E(kid.Element).KidCount == 0 && RoleOf(kid.Element) is not ("TD" or "TH" or "TR" or "Table")) continue;
            kids.Add(kid);
        }
        var span = CollectionsMarshal.AsSpan(kids)[start..];
        // Stable: the last ones keep their order among themselves.
        var lastCount = 0;
        for (var i = 0; i < span.Length; i++)
            if (span[i].Element >= 0 && E(span[i].Element).Last) lastCount++;
        if (lastCount > 0)
        {
            var moved = span.ToArray();
            var at = 0;
            foreach (var kid in moved)
                if (!(kid.Element >= 0 && E(kid.Element).Last)) span[at++] = kid;
            foreach (var kid in moved)
                if (kid.Element >= 0 && E(kid.Element).Last) span[at++] = kid;
        }
        for (var i = 0; i + 1 < span.Length; i++)
            if (span[i].Element >= 0 && E(span[i].Element).AfterNext && span[i + 1].Element >= 0)
            {
                (span[i], span[i + 1]) = (span[i + 1], span[i]);
                i++;
            }
        // Relinked in that order.
        ref var element = ref Ref(index);
        element.FirstKid = element.LastKid = -1;
        element.KidCount = 0;
        for (var i = start; i < kids.Count; i++)
        {
            // Into new slots (the old ones are left behind until the document's lists are cleared).
            _kids.Add(kids[i] with { Next = -1 });
            var links = CollectionsMarshal.AsSpan(_kids);
            var slot = _kids.Count - 1;
            if (element.LastKid >= 0) links[element.LastKid].Next = slot;
            else element.FirstKid = slot;
            element.LastKid = slot;
            element.KidCount++;
        }
        kids.RemoveRange(start, kids.Count - start);
        _order.Add(index);
        for (var k = E(index).FirstKid; k >= 0; k = _kids[k].Next)
            if (_kids[k].Element >= 0) Collect(_kids[k].Element);
    }

    private bool OnlyContent(int index)
    {
        for (var k = E(index).FirstKid; k >= 0; k = _kids[k].Next)
            if (_kids[k].Element >= 0) return false;
        return true;
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
}
