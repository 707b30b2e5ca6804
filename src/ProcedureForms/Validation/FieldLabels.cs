using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Definitions.Model;

namespace ProcedureForms.Validation;

/// <summary>
/// Names fields as the paper form does: the <c>title</c> of the field, preceded by the titles of the blocks that hold it
/// (「配偶者・氏名」, 「児童（2）・生年月日」). Read from the form model, so a message names a field exactly as the
/// printed form labels it.
/// </summary>
internal sealed class FieldLabels(ProcedureForm form)
{
    /// <summary>The label of the field at <paramref name="pointer"/> in the given language.</summary>
    public string For(string pointer, MessageLanguage language)
    {
        if (pointer.Length == 0)
            return language == MessageLanguage.English ? form.TitleEn ?? form.Title : form.Title;
        if (_known.TryGetValue((pointer, language), out var known)) return known;
        var segments = JsonPointers.Split(pointer);
        var nodes = form.Model.Path(pointer);
        var label = Compose(segments, nodes, language);
        // Remembered only for pointers the form declares all the way down (names and row numbers): a pointer through a
        // submitted key is submitted data, which is never kept.
        if (_known.Count < MaxKnown && Declared(segments)) _known.TryAdd((pointer, language), label);
        return label;
    }

    private const int MaxKnown = 4096;

    // Every step a name the form declares or a row number: a name matched only by additionalProperties is submitted data.
    private bool Declared(string[] segments)
    {
        var node = (FormNode?)form.Model.Root;
        foreach (var segment in segments)
        {
            if (node is null) return false;
            node = FormModel.IsIndex(node, segment) ? (int.TryParse(segment, out var i) && i < node.PrefixItems.Count ? node.PrefixItems[i] : node.Item) : node.Child(segment);
        }
        return node is not null;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Pointer, MessageLanguage Language), string> _known = new();

    private string Compose(string[] segments, IReadOnlyList<FormNode?> nodes, MessageLanguage language)
    {
        var parts = new List<string>();
        var parent = form.Model.Root;
        for (var i = 0; i < segments.Length; i++)
        {
            var node = nodes[i];
            var title = node is null ? null : language == MessageLanguage.English ? node.TitleEn ?? node.Title : node.MessageTitle;
            if (parent is not null && FormModel.IsIndex(parent, segments[i]) &&
                int.TryParse(segments[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < int.MaxValue)
            {
                var n = index + 1;
                if (title is not null && (parts.Count == 0 || parts[^1] != title)) parts.Add(title);
                if (parts.Count == 0) parts.Add(language == MessageLanguage.English ? $"item {n}" : $"{n}件目");
                else parts[^1] = language == MessageLanguage.English ? $"{parts[^1]} ({n})" : $"{parts[^1]}（{n}）";
            }
            else if (title is not null)
            {
                parts.Add(title);
            }
            else if (i == segments.Length - 1)
            {
                // An untitled field the form declares is named by its property name. A name the form does not declare came
                // from the submission, and submission data never goes into messages.
                var declared = parent?.Child(segments[i]) is not null;
                parts.Add(declared ? segments[i] : language == MessageLanguage.English ? "(a field not on this form)" : "（この申請書にない項目）");
            }
            parent = node;
        }
        return string.Join(language == MessageLanguage.English ? " › " : "・", parts);
    }

    /// <summary>The subschemas that apply at <paramref name="pointer"/> (statically; conditions are not evaluated).</summary>
    public IEnumerable<JsonElement> SchemasAt(string pointer) =>
        form.Model.Find(pointer) is { } node ? node.Parts.Select(p => p.Schema) : [];

    /// <summary>
    /// A sort key that puts fields in the order the definition lists them (and table rows in row order), so a report
    /// reads top to bottom like the paper form.
    /// </summary>
    public int[] Order(string pointer)
    {
        if (pointer.Length == 0) return [];
        var segments = JsonPointers.Split(pointer);
        var key = new int[segments.Length];
        var parent = (FormNode?)form.Model.Root;
        for (var i = 0; i < segments.Length; i++)
        {
            if (parent is null)
            {
                key[i] = int.MaxValue;
                continue;
            }
            if (FormModel.IsIndex(parent, segments[i]))
            {
                key[i] = int.TryParse(segments[i], out var index) ? index : int.MaxValue;
                parent = index < parent.PrefixItems.Count ? parent.PrefixItems[index] : parent.Item;
                continue;
            }
            var child = parent.Child(segments[i]);
            key[i] = child is null ? int.MaxValue : IndexOf(parent.Children, child);
            parent = child ?? parent.Additional;
        }
        return key;
    }

    private static int IndexOf(IReadOnlyList<FormNode> children, FormNode child)
    {
        for (var i = 0; i < children.Count; i++)
            if (ReferenceEquals(children[i], child)) return i;
        return int.MaxValue;
    }
}
