using System.Globalization;
using System.Text.Json;
using ProcedureForms.Definitions.Keywords;
using ProcedureForms.Japanese;

namespace ProcedureForms.Definitions.Model;

/// <summary>Where a date field's printed eras come from.</summary>
internal enum EraSource
{
    /// <summary>The field's own <c>eras</c>.</summary>
    Declared,
    /// <summary>The eras its bounds admit (<c>formatMinimum</c>/<c>formatMaximum</c>, <c>dateNotBefore</c>/<c>dateNotAfter</c>, <c>ageOn</c>).</summary>
    Bounds,
    /// <summary>No bound at all: every era a 和暦 date line can write, from 明治.</summary>
    Unbounded,
}

/// <summary>
/// The dates a date field admits and the eras its date line prints for them: one sheet, blank or filled, that holds
/// every date validation accepts. A date outside <see cref="Eras"/> (or before 明治6年, or past a two-digit era year) is
/// refused by validation as the resident's error, so what validates always has its era printed.
/// </summary>
/// <param name="Earliest">The earliest date the bounds admit, or null.</param>
/// <param name="Latest">The latest date the bounds admit, or null.</param>
/// <param name="Eras">The eras printed, oldest first.</param>
/// <param name="Source">Where they come from.</param>
internal sealed record DateRange(DateOnly? Earliest, DateOnly? Latest, IReadOnlyList<JapaneseEra> Eras, EraSource Source)
{
    /// <summary>The last day a date line writes: 令和99年12月31日 (its year gap holds two digits).</summary>
    public static DateOnly LastPrintable { get; } = new(JapaneseEra.Reiwa.FirstGregorianYear + 98, 12, 31);

    /// <summary>Whether the date line prints <paramref name="date"/>: a printed era and a year of at most two digits.</summary>
    public bool Prints(DateOnly date) =>
        JapaneseEra.Of(date) is { } era && Eras.Contains(era) && date <= LastPrintable;

    /// <summary>The eras as printed, joined with 「・」.</summary>
    public string EraNames => string.Join("・", Eras.Select(e => e.Name));

    /// <summary>The earliest and latest day of <paramref name="era"/> that validation can accept here (for tests and lint).</summary>
    public (DateOnly First, DateOnly Last) Span(JapaneseEra era)
    {
        var first = era.Start;
        var last = era.End ?? LastPrintable;
        if (Earliest is { } lo && lo > first) first = lo;
        if (Latest is { } hi && hi < last) last = hi;
        return (first, last);
    }
}

/// <summary>
/// Works out each date field's <see cref="DateRange"/> once, when the form loads: explicit <c>eras</c> first; else the
/// interval its bounds allow, carried through the fields they name (a child's birth date is bounded by the application
/// date it is compared with, when that date is always present). Conservative: a bound that may not apply widens the
/// range, never narrows it, so every date validation can accept keeps its era on the sheet.
/// </summary>
internal static class DateRanges
{
    public static void Assign(FormModel model, bool boundsEnforced = true)
    {
        var dates = model.Nodes.Where(n => n.Kind == FieldKind.Date && !n.Recursive).ToList();
        if (dates.Count == 0) return;
        // Where the vocabulary's rules are not evaluated (a plain 2020-12 schema), they bound nothing: every era prints.
        var bounds = dates.ToDictionary(n => n, n => boundsEnforced ? Own(n) : (null, null));
        // Bounds carried through references narrow step by step; the number of fields bounds the steps.
        for (var round = 0; round <= dates.Count; round++)
        {
            var changed = false;
            foreach (var node in dates)
            {
                var (lo, hi) = bounds[node];
                foreach (var (newLo, newHi) in boundsEnforced ? Relative(model, node, bounds) : [])
                {
                    if (newLo is { } l && (lo is null || l > lo)) (lo, changed) = (l, true);
                    if (newHi is { } h && (hi is null || h < hi)) (hi, changed) = (h, true);
                }
                bounds[node] = (lo, hi);
            }
            if (!changed) break;
        }
        foreach (var node in dates)
        {
            var (lo, hi) = bounds[node];
            if (boundsEnforced && node.Eras is { Count: > 0 })
            {
                var eras = DeclaredEras(node);
                if (eras.Count > 0)
                {
                    node.Dates = new DateRange(lo, hi, eras, EraSource.Declared);
                    continue;
                }
            }
            var from = lo ?? JapaneseEra.Meiji.Start;
            var to = hi ?? DateRange.LastPrintable;
            var admitted = JapaneseEra.All.Where(e => e.Start <= to && (e.End ?? DateRange.LastPrintable) >= from).ToList();
            // Bounds no date can meet (a contradiction lint reports) still print a date line.
            if (admitted.Count == 0) admitted = [.. JapaneseEra.All];
            node.Dates = new DateRange(lo, hi, admitted, lo is null && hi is null ? EraSource.Unbounded : EraSource.Bounds);
        }
        foreach (var node in dates)
            for (var n = node; n is not null && !n.HasDates; n = n.Parent) n.HasDates = true;
    }

    /// <summary>The field's own bounds: <c>formatMinimum</c>/<c>formatMaximum</c>, and the span of its declared <c>eras</c> (validation holds dates to them).</summary>
    private static (DateOnly? Lo, DateOnly? Hi) Own(FormNode node)
    {
        var (lo, hi) = (Date(node.Keyword("formatMinimum")), Date(node.Keyword("formatMaximum")));
        var declared = DeclaredEras(node);
        if (declared.Count > 0)
        {
            var first = declared.Min(e => e.Start);
            var last = declared.Any(e => e.End is null) ? DateRange.LastPrintable : declared.Max(e => e.End!.Value);
            if (lo is null || first > lo) lo = first;
            if (hi is null || last < hi) hi = last;
        }
        return (lo, hi);
    }

    /// <summary>The eras the field's <c>eras</c> names, oldest first, without repeats (unknown names are the meta-schema's to refuse).</summary>
    private static List<JapaneseEra> DeclaredEras(FormNode node) =>
        [.. (node.Eras ?? []).Select(n => JapaneseEra.FromName(n)).OfType<JapaneseEra>().Distinct().OrderBy(e => e.Start)];

    internal static DateOnly? Date(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } v && JapaneseDate.TryParseAny(v.GetString(), out var date) ? date : null;

    private static readonly string[] RelativeKeywords = ["dateNotAfter", "dateNotBefore"];

    /// <summary>Bounds the field's rules take from the fields they name.</summary>
    private static IEnumerable<(DateOnly? Lo, DateOnly? Hi)> Relative(FormModel model, FormNode node, Dictionary<FormNode, (DateOnly? Lo, DateOnly? Hi)> bounds)
    {
        foreach (var keyword in RelativeKeywords)
        {
            if (node.Keyword(keyword) is not { } value) continue;
            var days = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("days", out var d) && d.TryGetInt32(out var n) && Math.Abs(n) <= 36600 ? n : 0;
            var reference = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("reference", out var r) ? r : value;
            if (Target(model, node, reference) is not { } target || !bounds.TryGetValue(target, out var other)) continue;
            yield return keyword == "dateNotAfter" ? (null, Shift(other.Hi, days)) : (Shift(other.Lo, days), null);
        }
        if (node.Keyword("ageOn") is { ValueKind: JsonValueKind.Object } ageOn && ageOn.TryGetProperty("reference", out var ageReference) &&
            Target(model, node, ageReference) is { } ageTarget && bounds.TryGetValue(ageTarget, out var on))
        {
            int? Bound(string name) => ageOn.TryGetProperty(name, out var b) && b.TryGetInt32(out var i) ? i : null;
            // The day the age is counted on is at most a year before the reference date (the previous fiscal year's end),
            // and at most a year after it (this one's): a day's margin each way covers how the law counts birthdays.
            var basis = ageOn.TryGetProperty("on", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : "date";
            // Near the calendar's ends there is no fiscal year to count on: no bound.
            DateOnly? Day(DateOnly? reference, bool earliest) => reference is not { } r || r.Year is < 2 or > 9990 ? null : basis switch
            {
                "fiscalYearEnd" => earliest ? r : Age.FiscalYearEnd(r),
                "previousFiscalYearEnd" => earliest ? Age.FiscalYearStart(r).AddDays(-1) : r,
                _ => r,
            };
            var earliestDay = Day(on.Lo, earliest: true);
            var latestDay = Day(on.Hi, earliest: false);
            var maximum = Bound("maximum");
            var minimum = Bound("minimum");
            yield return (
                maximum is >= 0 and < 9000 and var max && earliestDay is { } e && e.Year > max + 2 ? e.AddYears(-(max + 1)).AddDays(-2) : null,
                minimum is >= 0 and < 9000 and var min && latestDay is { } l && l.Year > min + 2 && l.Year < 9990 ? l.AddYears(-min).AddDays(2) : null);
        }
    }

    private static DateOnly? Shift(DateOnly? date, int days) =>
        date is { } d && d.DayNumber + days >= DateOnly.MinValue.DayNumber && d.DayNumber + days <= DateOnly.MaxValue.DayNumber ? DateOnly.FromDayNumber(d.DayNumber + days) : null;

    /// <summary>The date field a rule names, when it is always there whenever this field is: otherwise the rule may not apply.</summary>
    private static FormNode? Target(FormModel model, FormNode node, JsonElement reference)
    {
        string? pointer;
        try
        {
            pointer = FieldReference.Parse(reference, "rule").Resolve(InstancePointer(node));
        }
        catch (Exception e) when (e is Json.Schema.JsonSchemaException or OverflowException or FormatException)
        {
            return null;
        }
        if (pointer is null || model.Find(pointer) is not { Kind: FieldKind.Date } target) return null;
        // Up from the target to a block that holds both fields: each step must be a field its block always requires, and
        // one that cannot be null (a rule whose other date is null or unreadable is silent, so it bounds nothing).
        var ancestors = new HashSet<FormNode>();
        for (var n = node.Parent; n is not null; n = n.Parent) ancestors.Add(n);
        for (var n = target; !ancestors.Contains(n); n = n.Parent)
        {
            if (n.Parent is not { Kind: FieldKind.Group } parent || parent.Child(n.Name) != n ||
                !parent.Requirements.Any(r => r.Always && r.Name == n.Name) || !NeverNull(n))
                return null;
        }
        return target;
    }

    /// <summary>Whether the field's own <c>type</c> is one type other than null (an array of types may admit null).</summary>
    private static bool NeverNull(FormNode node) =>
        node.Keyword("type") is { ValueKind: JsonValueKind.String } type && !type.ValueEquals("null");

    /// <summary>The submission pointer of a field, with 0 for table rows (relative references count the same either way).</summary>
    internal static string InstancePointer(FormNode node)
    {
        var segments = new List<string>();
        for (var n = node; n.Parent is { } parent; n = parent)
            segments.Add(parent.Item == n ? "0" : parent.PrefixItems.Contains(n) ? parent.PrefixItems.ToList().IndexOf(n).ToString(CultureInfo.InvariantCulture) : n.Name);
        segments.Reverse();
        return JsonPointers.Join(segments);
    }
}
