namespace ProcedureForms.Rendering.Layout.Elements;

/// <summary>
/// A horizontal slice of a sheet that is never split across pages: a title bar, a row of fields, a table row, the
/// notes. Its height is fixed by the definition; drawing writes the form's own text and rules, and the submission's
/// values when the canvas is filling.
/// </summary>
internal abstract class Element
{
    /// <summary>Height in points.</summary>
    public abstract double Height { get; }

    /// <summary>Draws the element with its top at <paramref name="y"/>.</summary>
    public abstract void Draw(Canvas canvas, double y);

    /// <summary>Goes on the same page as the element after it (title bars, table headers, condition notes).</summary>
    public bool KeepWithNext { get; init; }

    /// <summary>Redrawn at the top of a page that breaks before this element (「児童（続き）」 and the table header).</summary>
    public IReadOnlyList<Element> Repeat { get; init; } = [];

    /// <summary>Starts a new page (<c>pageBreakBefore</c>).</summary>
    public bool PageBreakBefore { get; init; }

    /// <summary>Inside the thick frame (太枠) around what the resident fills in.</summary>
    public bool Framed { get; init; }
}

/// <summary>Vertical space.</summary>
internal sealed class Spacer(double height) : Element
{
    public override double Height => height;

    public override void Draw(Canvas canvas, double y) { }
}
