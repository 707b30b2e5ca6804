using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcedureForms.Definitions.Model;

/// <summary>
/// The widest submission a form admits, for lint's fit check and the collision tests: every string at its maxLength in wide characters (katakana
/// for furigana, digits where a format or boxes ask for them), every choice at its longest label, every array at its
/// declared rows and one more, every conditional field filled. It need not be valid: it is printed, not checked.
/// </summary>
internal static partial class WidestSubmission
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^\^(?:\\d|\[0-9\]|\[0-9A-Za-z\]|\[A-Z0-9\])\{(\d+)\}\$$")]
    internal static partial System.Text.RegularExpressions.Regex FixedPattern();

    public static JsonNode Submission(ProcedureForm form) => Value(form.Model.Root, "") ?? new JsonObject();

    private static JsonNode? Value(FormNode node, string name)
    {
        _ = name;
        if (node.Recursive) return null;
        switch (node.Kind)
        {
            case FieldKind.Group:
                var obj = new JsonObject();
                foreach (var child in node.Children)
                    if (Value(child, child.Name) is { } v) obj[child.Name] = v;
                return obj;
            case FieldKind.Table:
                var array = new JsonArray();
                // As many rows as the schema allows (a template's table holds only so many), else the printed rows and
                // one more (a continuation sheet).
                var rows = node.Keyword("maxItems") is { ValueKind: System.Text.Json.JsonValueKind.Number } max && max.TryGetInt32(out var most) && most >= 0
                    ? Math.Min(most, 50)
                    : node.Rows + 1;
                if (node.Item is { } item)
                    for (var i = 0; i < rows; i++) array.Add(Value(item, ""));
                return array;
            case FieldKind.MultiChoice:
                return new JsonArray([.. node.Options.Select(o => JsonNode.Parse(o.Value.GetRawText()))]);
            case FieldKind.Choice:
                return JsonNode.Parse(node.Options.MaxBy(o => o.Label.Length)!.Value.GetRawText());
            case FieldKind.Boolean:
                return true;
            case FieldKind.Date:
                // The longest printed date: a two-digit year, month and day, in the last era the date line prints.
                return node.Dates is { } dates ? LongestDate(dates).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "2029-12-28";
            case FieldKind.Boxes:
                return new string('8', node.BoxGroups.Sum());
        }
        if (Number(node) is { } number) return JsonNode.Parse(number);
        // A field the schema does not bound is printed short here: what does not fit its cell is the resident's to shorten.
        return Text(node) is { } text ? text : node.Type is "integer" or "number" ? 1 : "國";
    }

    /// <summary>The longest number the field's bounds admit (the wider of minimum and maximum), or null when either side is open.</summary>
    internal static string? Number(FormNode node)
    {
        if (node.Type is not ("integer" or "number")) return null;
        // A fraction has as many digits as it likes unless multipleOf fixes them.
        if (node.Type == "number" && node.Keyword("multipleOf") is null) return null;
        var high = node.Keyword("maximum") ?? node.Keyword("exclusiveMaximum");
        var low = node.Keyword("minimum") ?? node.Keyword("exclusiveMinimum");
        if (high is not { ValueKind: JsonValueKind.Number } h || low is not { ValueKind: JsonValueKind.Number } l) return null;
        // As they print: 1e6 is 1000000, and a multipleOf of 0.01 adds two decimals.
        if (JsonNumbers.Canonical(h) is not { } hi || JsonNumbers.Canonical(l) is not { } lo) return null;
        var decimals = node.Keyword("multipleOf") is { ValueKind: JsonValueKind.Number } step && JsonNumbers.Canonical(step) is { } s && s.Contains('.') ? s.Length - s.IndexOf('.') : 0;
        var widest = lo.Length > hi.Length ? lo : hi;
        return decimals > 0 && !widest.Contains('.') ? widest + "." + new string('8', decimals - 1) : widest;
    }

    /// <summary>
    /// The widest text a text field admits: its fixed-length format's value, or <c>maxLength</c> of full-width characters
    /// (katakana for furigana); null when nothing bounds it (no <c>maxLength</c>, no fixed format).
    /// </summary>
    internal static string? Text(FormNode node)
    {
        if (node.Kind != FieldKind.Text || node.Type is "integer" or "number" or "boolean" or "object" or "array") return null;
        var fixedValue = node.Format switch
        {
            "jp-phone" => "090-1234-5678",
            "jp-postal-code" => "173-8501",
            "jp-my-number" => "123456789018",
            "jp-corporate-number" => "7000012050002",
            "jp-bank-code" => "0001",
            "jp-branch-code" => "001",
            "jp-account-number" => "1234567",
            _ => null,
        };
        if (fixedValue is not null) return fixedValue;
        // A code of fixed length (^[0-9]{10}$): that many digits.
        if (node.String("pattern") is { } pattern && FixedPattern().Match(pattern) is { Success: true } code &&
            int.TryParse(code.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var digits) && digits <= 400)
            return new string('8', digits);
        // Beyond 400 characters no cell is sized for the value: such a field counts as unbounded (the resident shortens).
        if (node.Keyword("maxLength") is not { } max || !max.TryGetInt32(out var n) || n > 400) return null;
        return new string(node.Format == "jp-katakana" ? 'ヴ' : node.Format is "email" or "uri" or "hostname" or "idn-email" ? 'W' : '國', n);
    }

    /// <summary>Whether nothing in the schema bounds how long the field's printed value can be.</summary>
    internal static bool Unbounded(FormNode node) =>
        node.Kind == FieldKind.Text && Text(node) is null && Number(node) is null;

    /// <summary>A date of the last printed era with a two-digit year and month and day (or the latest the bounds allow).</summary>
    private static DateOnly LongestDate(DateRange dates)
    {
        var (first, last) = dates.Span(dates.Eras[^1]);
        var wide = new DateOnly(Math.Min(last.Year, dates.Eras[^1].FirstGregorianYear + 10), 12, 28);
        return wide >= first && wide <= last ? wide : last;
    }

}
