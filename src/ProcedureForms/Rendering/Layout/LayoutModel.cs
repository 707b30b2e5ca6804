namespace ProcedureForms.Rendering.Layout;

/// <summary>
/// What goes where on every page, in points from the top-left corner. Pure data: built without Skia, drawn by the PDF
/// writer, and compared in tests.
/// </summary>
/// <param name="Width">Page width in points.</param>
/// <param name="Height">Page height in points.</param>
/// <param name="Pages">The pages, in order: the form's own sheets, then any continuation sheets (別紙).</param>
public sealed record LayoutDocument(double Width, double Height, IReadOnlyList<LayoutPage> Pages)
{
    /// <summary>Values that do not fit their cell even shrunk and wrapped: not drawn, and refused by the print check.</summary>
    public IReadOnlyList<LayoutProblem> Problems { get; init; } = [];

    /// <summary>How many pages the form's own sheets take (the rest are continuation sheets).</summary>
    public int SheetPages { get; init; }

    /// <summary>The document's bookmark in a file of several (its label or number, and the form's title).</summary>
    internal string? Label { get; init; }

    /// <summary>Whether the layout says what each drawing is (a generated form): then the PDF is tagged.</summary>
    internal bool Tagged { get; init; }
}

/// <summary>A value the layout could not place.</summary>
/// <param name="Pointer">The submission pointer of the value.</param>
/// <param name="Reason">Why, in Japanese, as the rest of a sentence that starts with the field's label (「…」は欄に収まりません。); never the value.</param>
/// <param name="ReasonEn">The same in English, as the rest of a sentence that starts with the field's label.</param>
public sealed record LayoutProblem(string Pointer, string Reason, string ReasonEn);

/// <summary>One page and everything drawn on it.</summary>
/// <param name="Number">1-based page number.</param>
/// <param name="Items">What to draw, in drawing order.</param>
public sealed record LayoutPage(int Number, IReadOnlyList<LayoutItem> Items)
{
    /// <summary>The page's own size in points when it differs from the document's (a template's turned page).</summary>
    internal (double Width, double Height)? Size { get; init; }

    /// <summary>Everything the page draws: its items, and what its kept-fillable widgets show.</summary>
    internal IEnumerable<LayoutItem> Drawn => Widgets.Count == 0 ? Items : Items.Concat(Widgets.SelectMany(w => w.Items));

    /// <summary>The template's AcroForm fields kept fillable on this page (<c>RenderOptions.KeepFillable</c>), with what each shows.</summary>
    internal IReadOnlyList<Templates.FillableWidget> Widgets { get; init; } = [];
}

/// <summary>Something drawn on a page.</summary>
public abstract record LayoutItem;

/// <summary>A line of text whose left end is at <paramref name="X"/> and baseline at <paramref name="Baseline"/>.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Baseline">Baseline.</param>
/// <param name="Size">Font size in points.</param>
/// <param name="Text">The text, exactly as it must be extracted again (variation selectors included).</param>
/// <param name="Source">The submission pointer the text came from, or null for the form's own text.</param>
public sealed record TextItem(double X, double Baseline, double Size, string Text, string? Source = null) : LayoutItem
{
    /// <summary>Extra space after each character but the last (均等割付), in points.</summary>
    public double Spacing { get; init; }

    /// <summary>The advance width as laid out, spacing included.</summary>
    public double Width { get; init; }

    /// <summary>The text's role in a tagged PDF: H1, H2, or Footer and Watermark (pagination artifacts); null for a paragraph.</summary>
    internal string? Role { get; init; }
}

/// <summary>A straight line.</summary>
/// <param name="X1">Start x.</param>
/// <param name="Y1">Start y.</param>
/// <param name="X2">End x.</param>
/// <param name="Y2">End y.</param>
/// <param name="Width">Stroke width.</param>
public sealed record LineItem(double X1, double Y1, double X2, double Y2, double Width) : LayoutItem;

/// <summary>A rectangle, shaded and/or outlined.</summary>
/// <param name="X">Left.</param>
/// <param name="Y">Top.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
/// <param name="Stroke">Outline width, 0 for none.</param>
/// <param name="Fill">Grey level of the fill (0 black, 1 white), or null for none.</param>
public sealed record RectItem(double X, double Y, double Width, double Height, double Stroke, double? Fill = null) : LayoutItem
{
    /// <summary>A cell or box the resident writes in by hand (value cells, table cells, character boxes).</summary>
    public bool Writable { get; init; }
}

/// <summary>A tick box (☐/☑) drawn as vector shapes: IPAex Mincho has no ☐ or ☑ glyph.</summary>
/// <param name="X">Left.</param>
/// <param name="Y">Top.</param>
/// <param name="Size">Side length.</param>
/// <param name="Checked">Whether it carries a tick.</param>
/// <param name="Source">The submission pointer of a ticked value, or null.</param>
public sealed record CheckBoxItem(double X, double Y, double Size, bool Checked, string? Source = null) : LayoutItem;

/// <summary>An ellipse outline, for circled choices (男・女) and the seal mark.</summary>
/// <param name="CenterX">Centre x.</param>
/// <param name="CenterY">Centre y.</param>
/// <param name="RadiusX">Horizontal radius.</param>
/// <param name="RadiusY">Vertical radius.</param>
/// <param name="Stroke">Outline width.</param>
/// <param name="Source">The submission pointer of the chosen value it marks, or null for the form's own marks.</param>
public sealed record EllipseItem(double CenterX, double CenterY, double RadiusX, double RadiusY, double Stroke, string? Source = null) : LayoutItem;
