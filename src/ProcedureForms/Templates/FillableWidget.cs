using ProcedureForms.Rendering.Layout;

namespace ProcedureForms.Templates;

/// <summary>
/// One widget of a template's AcroForm as a kept-fillable PDF writes it: the field, its value (text for a text or choice
/// field, the on-state for a checkbox or radio option, none when empty) and what its appearance draws, in page
/// coordinates.
/// </summary>
internal sealed record FillableWidget(TemplateField Field, string? Text, bool On, IReadOnlyList<LayoutItem> Items)
{
    /// <summary>
    /// What a screen reader calls the field (its /TU): the label of the form's field placed there, as the paper form
    /// names it (「児童（1）・氏名」); null for a widget no field is placed in.
    /// </summary>
    public string? AccessibleName { get; init; }
}
