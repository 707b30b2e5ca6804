namespace ProcedureForms.Rendering.Layout;

/// <summary>
/// What goes where on every page, in points from the top-left corner. Pure data: built without Skia, drawn by the PDF
/// writer, and compared in tests.
/// </summary>
/// <param name="Width">Page width in points.</param>
/// <param name="Height">Page height in points.</param>
/// <param name="Pages">The pages, in order.</param>
public sealed record LayoutDocument(double Width, double Height, IReadOnlyList<LayoutPage> Pages);

/// <summary>One page and everything drawn on it.</summary>
/// <param name="Number">1-based page number.</param>
/// <param name="Items">What to draw, in drawing order.</param>
public sealed record LayoutPage(int Number, IReadOnlyList<LayoutItem> Items);

/// <summary>Something drawn on a page.</summary>
public abstract record LayoutItem;

/// <summary>A line of text whose left end is at <paramref name="X"/> and baseline at <paramref name="Baseline"/>.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Baseline">Baseline.</param>
/// <param name="Size">Font size in points.</param>
/// <param name="Text">The text, exactly as it must be extracted again (variation selectors included).</param>
/// <param name="Source">The submission pointer the text came from, or null for the form's own text.</param>
public sealed record TextItem(double X, double Baseline, double Size, string Text, string? Source = null) : LayoutItem;

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
public sealed record RectItem(double X, double Y, double Width, double Height, double Stroke, double? Fill = null) : LayoutItem;

/// <summary>A tick box (☐/☑) drawn as vector shapes: IPAex Mincho has no ☐ or ☑ glyph.</summary>
/// <param name="X">Left.</param>
/// <param name="Y">Top.</param>
/// <param name="Size">Side length.</param>
/// <param name="Checked">Whether it carries a tick.</param>
public sealed record CheckBoxItem(double X, double Y, double Size, bool Checked) : LayoutItem;

/// <summary>An ellipse outline, for circled choices (男・女) and the seal mark.</summary>
/// <param name="CenterX">Centre x.</param>
/// <param name="CenterY">Centre y.</param>
/// <param name="RadiusX">Horizontal radius.</param>
/// <param name="RadiusY">Vertical radius.</param>
/// <param name="Stroke">Outline width.</param>
public sealed record EllipseItem(double CenterX, double CenterY, double RadiusX, double RadiusY, double Stroke) : LayoutItem;
