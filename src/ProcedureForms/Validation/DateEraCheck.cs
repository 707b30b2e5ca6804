using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Definitions.Model;
using ProcedureForms.Japanese;

namespace ProcedureForms.Validation;

/// <summary>
/// Dates the form's date lines cannot write: an era the line does not print (its <c>eras</c>, or what its bounds
/// admit), a day before 明治6年1月1日, or a year past two digits. These are the resident's errors (the paper form asks
/// for a date in those eras), found by walking the submission along the form model, so plain 2020-12 forms are held to
/// the same sheet as the vocabulary's.
/// </summary>
internal static class DateEraCheck
{
    /// <summary>Each submitted date that its field's date line cannot print, with the field's range.</summary>
    public static List<(string Pointer, DateRange Range)> Find(FormModel model, JsonElement submission)
    {
        var found = new List<(string, DateRange)>();
        if (model.HasDates) Walk(model.Root, submission, [], found, 0);
        return found;
    }

    // The path is kept as segments and written out only for a date that is refused: a valid submission allocates nothing here.
    private static void Walk(FormNode node, JsonElement value, List<string> path, List<(string, DateRange)> found, int depth)
    {
        if (depth > 64) return;
        switch (value.ValueKind)
        {
            case JsonValueKind.String when node.Dates is { } range:
                if (JapaneseDate.TryParseAny(value.GetString(), out var date) && !range.Prints(date)) found.Add((JsonPointers.Join(path), range));
                break;
            case JsonValueKind.Object when node.Children.Count > 0 || node.Additional is not null:
                foreach (var property in value.EnumerateObject())
                    if ((node.Child(property.Name) ?? node.Additional) is { } child && child.HasDates)
                    {
                        path.Add(property.Name);
                        Walk(child, property.Value, path, found, depth + 1);
                        path.RemoveAt(path.Count - 1);
                    }
                break;
            case JsonValueKind.Array when node.Item is not null || node.PrefixItems.Count > 0:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    var row = i < node.PrefixItems.Count ? node.PrefixItems[i] : node.Item;
                    if (row is { HasDates: true })
                    {
                        path.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        Walk(row, item, path, found, depth + 1);
                        path.RemoveAt(path.Count - 1);
                    }
                    i++;
                }
                break;
        }
    }
}
