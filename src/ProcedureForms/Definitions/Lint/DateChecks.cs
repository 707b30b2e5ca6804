using ProcedureForms.Definitions.Model;
using ProcedureForms.Japanese;

namespace ProcedureForms.Definitions.Lint;

/// <summary>
/// Date lines: which eras each prints when the definition does not say (<c>eras</c>), so the designer sees the choice,
/// and bounds that no date can meet.
/// </summary>
internal static class DateChecks
{
    public static void Run(LintContext context)
    {
        foreach (var node in context.Model.Nodes)
        {
            if (node.Dates is not { } dates || node.Parts.Count == 0) continue;
            if (node.Keyword("formatMinimum") is { } min && node.Keyword("formatMaximum") is { } max &&
                DateRanges.Date(min) is { } lo && DateRanges.Date(max) is { } hi && lo > hi)
                context.Error(JsonPointers.Append(node.Parts[0].Pointer, "formatMinimum"), "contradictory-limits",
                    $"formatMinimum（{Show(lo)}）が formatMaximum（{Show(hi)}）より後のため、どんな日付も受け付けられません。");
            switch (dates.Source)
            {
                case EraSource.Unbounded:
                    context.Info(node.Pointer, "date-eras",
                        $"「{node.Label}」の日付欄には{dates.EraNames}を印字します（eras がなく日付の範囲も決まらないため、和暦で書けるすべての元号）。" +
                        $"受け付けるのは{JapaneseDate.Format(JapaneseEra.Meiji.Start)}から{JapaneseDate.Format(DateRange.LastPrintable)}までです。" +
                        "元号を絞るには eras か formatMinimum・formatMaximum を書いてください。");
                    break;
                case EraSource.Bounds:
                    context.Info(node.Pointer, "date-eras",
                        $"「{node.Label}」の日付欄には{dates.EraNames}を印字します（日付の範囲 {Show(dates.Earliest)}〜{Show(dates.Latest)} から）。");
                    break;
            }
        }
    }

    private static string Show(DateOnly? date) => date is not { } d ? "" : JapaneseEra.Of(d) is not null ? JapaneseDate.Format(d) : d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
