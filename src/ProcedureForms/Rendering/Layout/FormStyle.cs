namespace ProcedureForms.Rendering.Layout;

/// <summary>
/// Every measure of the printed form in one place, in points (1/72 inch) unless named in millimetres. Values a form may
/// override (row height, label width) are read from the definition by the layout; these are their defaults.
/// </summary>
internal static class FormStyle
{
    /// <summary>Points per millimetre.</summary>
    public const double Mm = 72 / 25.4;

    // Page
    public const double MarginLeft = 12 * Mm;
    public const double MarginRight = 12 * Mm;
    public const double MarginTop = 8 * Mm;
    public const double MarginBottom = 10 * Mm;
    public const double FooterBaseline = 4.5 * Mm; // above the bottom edge

    // Type
    public const double Title = 16;
    /// <summary>Titles of up to this many characters are spread with a character's space between them (「転　出　届」).</summary>
    public const int SpacedTitleMaxLength = 4;
    public const double Header = 10.5;
    public const double Value = 10;
    public const double Label = 9;
    public const double Small = 7;
    public const double Note = 8;
    /// <summary>A value that does not fit is first shrunk on one line down to this size, then wrapped down to <see cref="MinValue"/>.</summary>
    public const double ShrinkLimit = 8;
    public const double MinValue = 6.5;
    public static double Leading(double size) => size * 1.3;
    /// <summary>Distance from a line's top to its baseline (IPAex Mincho's ascent is 0.88 em).</summary>
    public static double Ascent(double size) => size * 0.88;

    // Header
    public const double TitleLineHeight = 11 * Mm;
    public const double TitleBoxHeight = 7.5 * Mm;
    public const double HeaderLineHeight = 7 * Mm;
    public const double SealLineHeight = 11 * Mm;
    public const double SealLineWidth = 85 * Mm;
    public const double ExampleMarkWidth = 24 * Mm;
    public const double ExampleMarkHeight = 7 * Mm;
    /// <summary>Share of the content width the staff area takes at the top right.</summary>
    public const double TopStaffShare = 0.48;
    /// <summary>Share of the content width the staff area takes at the foot of the front page.</summary>
    public const double BottomStaffShare = 0.45;
    public const double ColumnGap = 4 * Mm;
    /// <summary>The line left to write the addressee in when no municipality is given.</summary>
    public const double AddresseeBlankMm = 45;

    // Rows and cells, sized for handwriting
    public const double RowHeightMm = 8;
    public const double LinePitchMm = 7;
    public const double LabelWidthMm = 30;
    public const double PadX = 3.5;
    public const double PadY = 2;
    public const double NoteRowHeight = 4.5 * Mm;
    public const double TitleBarHeight = 5.5 * Mm;
    public const double NumberColumn = 7 * Mm;
    public const double BlockGap = 1.5 * Mm;
    public const double PairLabelWidthMm = 24;
    public const double SubLabelWidthMm = 26;
    public const double MinColumnWidth = 14 * Mm;
    public const double TableHeaderMinHeight = 5 * Mm;
    public const double SignatureRowHeight = 11 * Mm;
    public const double SealBoxMargin = 3 * Mm;

    // Character boxes: wide enough for one handwritten digit
    public const double BoxWidth = 6 * Mm;
    public const double BoxHeight = 7 * Mm;
    public const double MinBoxHeight = 6 * Mm;
    public const double BoxGroupGap = 3 * Mm;
    public const double PostalMark = 5 * Mm;
    public const double TableBoxWidth = 4.5 * Mm;

    // Choices
    public const double TickBox = 3.4 * Mm;
    public const double TickGap = 1.2 * Mm;
    public const double OptionGap = 4 * Mm;
    public const double CirclePadX = 2 * Mm;
    public const double CompactCirclePadX = 1.1 * Mm;
    /// <summary>Space between a circled word's room and the 「・」 beside it.</summary>
    public const double SeparatorGap = 1.2;
    public const double CirclePadY = 0.95 * Mm;

    // Rules and shading
    public const double Rule = 0.6;
    public const double ThinRule = 0.4;
    public const double ThickRule = 1.8;
    public const double CircleRule = 0.8;
    public const double LabelFill = 0.9;
    public const double BarFill = 0.8;
    public const double StaffFill = 0.93;

    // Staff area and seals
    public const double StampSizeMm = 25;
    public const double StaffRowHeightMm = 7;
    public const double SealMarkRadius = 4 * Mm;
}
