using System.Text.Json;

namespace ProcedureForms.Definitions.Model;

/// <summary>
/// The field tree of a form, built once when it loads: every field with its pointer, title, kind, options, condition
/// and presentation keywords, <c>$ref</c> and <c>$id</c> resolved once. Validation messages, layout, lint and the print
/// check read this; nothing else walks the raw definition.
/// </summary>
internal sealed class FormModel
{
    private FormModel(FormNode root, string? applicationDateField, IReadOnlyList<SchemaSite> sites)
    {
        Root = root;
        ApplicationDateField = applicationDateField;
        Sites = sites;
    }

    /// <summary>Every subschema of the definition document, where it stands and what it is there for (for lint).</summary>
    public IReadOnlyList<SchemaSite> Sites { get; }

    /// <summary>The form itself (an object node whose children are the top-level fields and blocks).</summary>
    public FormNode Root { get; }

    /// <summary>The property printed as the date at the top right: <c>applicationDateField</c>, else one named applicationDate.</summary>
    public string? ApplicationDateField { get; }

    /// <summary>Whether the form has a date field (its dates are checked against their date lines).</summary>
    public bool HasDates => Root.HasDates;

    /// <summary>Every field of the form, depth first.</summary>
    public IEnumerable<FormNode> Nodes => Root.DescendantsAndSelf();

    /// <summary>
    /// The nodes along a submission pointer, one per segment (array indices step into the row schema); null where the
    /// form does not declare the segment.
    /// </summary>
    public FormNode?[] Path(string pointer)
    {
        var segments = JsonPointers.Split(pointer);
        var result = new FormNode?[segments.Length];
        var current = (FormNode?)Root;
        for (var i = 0; i < segments.Length; i++)
        {
            current = current is null ? null : Step(current, segments[i]);
            result[i] = current;
        }
        return result;
    }

    /// <summary>The node at a submission pointer, or null when the form does not declare it.</summary>
    public FormNode? Find(string pointer) => pointer.Length == 0 ? Root : Path(pointer)[^1];

    /// <summary>Whether <paramref name="segment"/> is a row index under <paramref name="node"/>.</summary>
    public static bool IsIndex(FormNode node, string segment) =>
        (node.Item is not null || node.PrefixItems.Count > 0) && segment.Length > 0 && segment.All(char.IsAsciiDigit);

    private static FormNode? Step(FormNode node, string segment)
    {
        if (IsIndex(node, segment))
            return int.TryParse(segment, out var index) && index < node.PrefixItems.Count ? node.PrefixItems[index] : node.Item;
        return node.Child(segment) ?? node.Additional;
    }

    /// <summary>Builds the model of a loaded form.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="baseUri">Its base URI.</param>
    /// <param name="resources">The documents it references.</param>
    /// <param name="boundsEnforced">
    /// Whether the vocabulary's date rules are evaluated (and formats asserted): only then do they narrow the eras a date
    /// line prints. A plain 2020-12 schema does not evaluate them.
    /// </param>
    public static FormModel Build(JsonElement definition, Uri baseUri, SchemaResources resources, bool boundsEnforced = true)
    {
        var builder = new Builder(resources, baseUri);
        var root = builder.Node("", null, [new SchemaPart(definition, "", FormLoader.StripFragment(baseUri), PartRole.Own)], 0);
        string? dateField = null;
        if (definition.ValueKind == JsonValueKind.Object)
        {
            if (definition.TryGetProperty("applicationDateField", out var named) && named.ValueKind == JsonValueKind.String) dateField = named.GetString();
            else if (root.Child("applicationDate") is not null) dateField = "applicationDate";
        }
        var sites = new List<SchemaSite>();
        CollectSites(definition, "", SiteRole.Root, inCondition: false, parentDeclared: [], sites, 0);
        var model = new FormModel(root, dateField, sites);
        DateRanges.Assign(model, boundsEnforced);
        return model;
    }

    private static void CollectSites(JsonElement schema, string pointer, SiteRole role, bool inCondition, HashSet<string> parentDeclared, List<SchemaSite> sites, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > 64) return;
        sites.Add(new SchemaSite(schema, pointer, role, inCondition));
        var declared = schema.TryGetProperty("properties", out var own) && own.ValueKind == JsonValueKind.Object
            ? own.EnumerateObject().Select(p => p.Name).ToHashSet()
            : [];
        if (own.ValueKind == JsonValueKind.Object)
            foreach (var p in own.EnumerateObject())
            {
                // A branch (then, else, allOf) naming a property the enclosing schema declares only adds rules to it.
                var refinement = inCondition || parentDeclared.Contains(p.Name);
                CollectSites(p.Value, JsonPointers.Append(JsonPointers.Append(pointer, "properties"), p.Name), refinement ? SiteRole.Refinement : SiteRole.Field, inCondition, [], sites, depth + 1);
            }
        if (schema.TryGetProperty("items", out var items))
            CollectSites(items, JsonPointers.Append(pointer, "items"), SiteRole.Items, inCondition, [], sites, depth + 1);
        HashSet<string> both = [.. declared, .. parentDeclared];
        foreach (var keyword in (ReadOnlySpan<string>)["then", "else"])
            if (schema.TryGetProperty(keyword, out var branch))
                CollectSites(branch, JsonPointers.Append(pointer, keyword), SiteRole.Branch, inCondition, both, sites, depth + 1);
        foreach (var keyword in (ReadOnlySpan<string>)["additionalProperties", "unevaluatedProperties", "unevaluatedItems"])
            if (schema.TryGetProperty(keyword, out var sub))
                CollectSites(sub, JsonPointers.Append(pointer, keyword), SiteRole.Other, inCondition, [], sites, depth + 1);
        foreach (var keyword in (ReadOnlySpan<string>)["if", "not", "contains", "propertyNames"])
            if (schema.TryGetProperty(keyword, out var sub))
                CollectSites(sub, JsonPointers.Append(pointer, keyword), SiteRole.Condition, inCondition: true, [], sites, depth + 1);
        foreach (var keyword in (ReadOnlySpan<string>)["allOf", "anyOf", "oneOf", "prefixItems"])
            if (schema.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array)
                for (var i = 0; i < list.GetArrayLength(); i++)
                    CollectSites(list[i], $"{JsonPointers.Append(pointer, keyword)}/{i}", keyword == "prefixItems" ? SiteRole.Items : SiteRole.Branch,
                        inCondition || keyword is "anyOf" or "oneOf", keyword == "allOf" ? both : [], sites, depth + 1);
        foreach (var keyword in (ReadOnlySpan<string>)["$defs", "dependentSchemas", "patternProperties"])
            if (schema.TryGetProperty(keyword, out var map) && map.ValueKind == JsonValueKind.Object)
                foreach (var entry in map.EnumerateObject())
                    CollectSites(entry.Value, JsonPointers.Append(JsonPointers.Append(pointer, keyword), entry.Name), keyword == "$defs" ? SiteRole.Definition : SiteRole.Other, inCondition, [], sites, depth + 1);
    }

    private sealed class Builder(SchemaResources resources, Uri home)
    {
        private const int MaxDepth = 24;

        // A schema that refers to itself through a property or an item (a family tree) is unfolded this many levels:
        // enough for labels and print, finite for the model. Cycles on the same value are refused at load.
        private const int Unfold = 3;

        private bool Repeated(string pointer) => _path.Count(p => p == pointer) >= Unfold;
        private readonly Stack<string> _path = new();

        public FormNode Node(string name, FormNode? parent, IReadOnlyList<SchemaPart> declarations, int depth)
        {
            var parts = new List<SchemaPart>();
            var recursive = false;
            foreach (var declaration in declarations) Expand(declaration, declaration.Role, parts, 0, ref recursive);
            recursive |= depth > MaxDepth || parts.Any(p => p.Role == PartRole.Own && Repeated(p.Pointer));

            // The node is created with its children, so collect their declarations first, in definition order.
            var childDeclarations = new List<(string Name, List<SchemaPart> Parts)>();
            if (!recursive)
                foreach (var part in parts)
                    if (part.Schema.ValueKind == JsonValueKind.Object && part.Schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
                        foreach (var property in properties.EnumerateObject())
                        {
                            var entry = childDeclarations.Find(c => c.Name == property.Name);
                            if (entry.Parts is null) childDeclarations.Add(entry = (property.Name, []));
                            entry.Parts.Add(new SchemaPart(property.Value, JsonPointers.Append(JsonPointers.Append(part.Pointer, "properties"), property.Name), part.BaseUri, part.Role));
                        }
            // Children whose first declaration is in a branch come after those the object always declares.
            childDeclarations = [.. childDeclarations.OrderBy(c => c.Parts[0].Role == PartRole.Own ? 0 : 1)];

            var pushed = parts.Where(p => p.Role == PartRole.Own).Select(p => p.Pointer).ToList();
            foreach (var p in pushed) _path.Push(p);
            var node = new FormNode(name, parent, parts);
            try
            {
                node.SetChildren([.. childDeclarations.Select(c => Node(c.Name, node, c.Parts, depth + 1))]);
                Describe(node, recursive, depth);
            }
            finally
            {
                foreach (var _ in pushed) _path.Pop();
            }
            return node;
        }

        /// <summary>Adds the schema and the subschemas that apply along with it, following references.</summary>
        private void Expand(SchemaPart part, PartRole role, List<SchemaPart> into, int depth, ref bool recursive, bool based = false)
        {
            if (depth > MaxDepth)
            {
                recursive = true;
                return;
            }
            var schema = part.Schema;
            var baseUri = part.BaseUri;
            // A reference's target comes with its own resource's base already; anything else applies its $id here.
            if (!based && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String &&
                Uri.TryCreate(baseUri, id.GetString(), out var rebased))
                baseUri = FormLoader.StripFragment(rebased);
            var current = part with { BaseUri = baseUri, Role = role };
            if (into.Any(p => p.Pointer == current.Pointer)) return;
            into.Add(current);
            if (schema.ValueKind != JsonValueKind.Object) return;

            foreach (var keyword in (ReadOnlySpan<string>)["$ref", "$dynamicRef"])
                if (schema.TryGetProperty(keyword, out var reference) && reference.ValueKind == JsonValueKind.String &&
                    FormLoader.TryResolve(baseUri, reference.GetString(), out var target) && resources.Locate(target, home) is { } found)
                {
                    if (Repeated(found.Pointer)) recursive = true;
                    else Expand(new SchemaPart(found.Schema, found.Pointer, found.BaseUri, role), role, into, depth + 1, ref recursive, based: true);
                }
            Each(schema, "allOf", current, role, into, depth, ref recursive);
            foreach (var keyword in (ReadOnlySpan<string>)["then", "else"])
                if (schema.TryGetProperty(keyword, out var branch))
                    Expand(new SchemaPart(branch, JsonPointers.Append(current.Pointer, keyword), baseUri, PartRole.Branch), PartRole.Branch, into, depth + 1, ref recursive);
            Each(schema, "anyOf", current, PartRole.Alternative, into, depth, ref recursive);
            Each(schema, "oneOf", current, PartRole.Alternative, into, depth, ref recursive);
            if (schema.TryGetProperty("dependentSchemas", out var dependent) && dependent.ValueKind == JsonValueKind.Object)
                foreach (var entry in dependent.EnumerateObject())
                    Expand(new SchemaPart(entry.Value, JsonPointers.Append(JsonPointers.Append(current.Pointer, "dependentSchemas"), entry.Name), baseUri, PartRole.Alternative),
                        PartRole.Alternative, into, depth + 1, ref recursive);
        }

        private void Each(JsonElement schema, string keyword, SchemaPart parent, PartRole role, List<SchemaPart> into, int depth, ref bool recursive)
        {
            if (!schema.TryGetProperty(keyword, out var list) || list.ValueKind != JsonValueKind.Array) return;
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                // An alternative inside a branch is still conditional; allOf keeps the role of what holds it.
                var itemRole = role == PartRole.Own ? parent.Role : role == PartRole.Alternative && parent.Role == PartRole.Branch ? PartRole.Branch : role;
                Expand(new SchemaPart(item, $"{JsonPointers.Append(parent.Pointer, keyword)}/{i++}", parent.BaseUri, itemRole), itemRole, into, depth + 1, ref recursive);
            }
        }

        /// <summary>Kind, title, options and the rest, once the children are known.</summary>
        private void Describe(FormNode node, bool recursive, int depth)
        {
            node.Recursive = recursive;
            node.Schema = node.OwnParts.Select(p => p.Schema).FirstOrDefault(s => s.ValueKind != JsonValueKind.Object || !IsOnlyReference(s));
            if (node.Schema.ValueKind == JsonValueKind.Undefined && node.Parts.Count > 0) node.Schema = node.Parts[0].Schema;
            node.Title = node.String("title");
            node.TitleEn = node.String("titleEn");

            var type = node.Type;
            if (!recursive && OwnWith(node, "items") is { } itemsPart)
                node.Item = Node("", node, [new SchemaPart(itemsPart.Schema.GetProperty("items"), JsonPointers.Append(itemsPart.Pointer, "items"), itemsPart.BaseUri, PartRole.Own)], depth + 1);
            if (!recursive && node.OwnParts.FirstOrDefault(p => p.Schema.ValueKind == JsonValueKind.Object && p.Schema.TryGetProperty("prefixItems", out _)) is { Schema.ValueKind: JsonValueKind.Object } prefixPart &&
                prefixPart.Schema.GetProperty("prefixItems") is { ValueKind: JsonValueKind.Array } prefix)
                node.PrefixItems = [.. prefix.EnumerateArray().Select((s, i) => Node("", node, [new SchemaPart(s, $"{JsonPointers.Append(prefixPart.Pointer, "prefixItems")}/{i}", prefixPart.BaseUri, PartRole.Own)], depth + 1))];
            if (!recursive && node.OwnParts.FirstOrDefault(p => p.Schema.ValueKind == JsonValueKind.Object && p.Schema.TryGetProperty("additionalProperties", out var a) && a.ValueKind == JsonValueKind.Object) is { Schema.ValueKind: JsonValueKind.Object } additionalPart)
                node.Additional = Node("", node, [new SchemaPart(additionalPart.Schema.GetProperty("additionalProperties"), JsonPointers.Append(additionalPart.Pointer, "additionalProperties"), additionalPart.BaseUri, PartRole.Own)], depth + 1);

            node.Options = Options(node);
            node.Kind =
                type == "object" || (type is null && node.Children.Count > 0) ? FieldKind.Group
                : node.Item is { Kind: FieldKind.Choice } item && node.PrefixItems.Count == 0 ? FieldKind.MultiChoice
                : type == "array" || node.Item is not null || node.PrefixItems.Count > 0 ? FieldKind.Table
                : node.Options.Count > 0 ? FieldKind.Choice
                : type == "boolean" ? FieldKind.Boolean
                : node.Format is "date" or "jp-era-date" ? FieldKind.Date
                : node.Keyword("boxes") is { } ? FieldKind.Boxes
                : FieldKind.Text;
            if (node.Kind == FieldKind.MultiChoice)
            {
                // Labels may stand on the list or on its items' enum.
                var labels = node.Keyword("enumLabels");
                var english = node.Keyword("enumLabelsEn");
                node.Options = [.. node.Item!.Options.Select(o => o with { Label = LabelOf(labels, Key(o.Value)) ?? o.Label, LabelEn = LabelOf(english, Key(o.Value)) ?? o.LabelEn })];
                node.Item.Options = node.Options; // messages about one entry name it as the list prints it
            }
            if (node.Kind == FieldKind.Boxes && node.Keyword("boxes") is { } boxes)
                node.BoxGroups = boxes.ValueKind == JsonValueKind.Array
                    ? [.. boxes.EnumerateArray().Select(b => b.TryGetInt32(out var n) ? n : 0)]
                    : boxes.TryGetInt32(out var count) ? [count] : [];
            if (node.Kind == FieldKind.Group)
            {
                node.Conditions = Conditions(node);
                node.Requirements = Requirements(node);
                foreach (var condition in node.Conditions)
                {
                    foreach (var n in condition.Then) if (node.Child(n) is { Condition: null } c) c.Condition = condition.ThenText;
                    foreach (var n in condition.Else) if (node.Child(n) is { Condition: null } c) c.Condition = condition.ElseText;
                }
                // An optional field or block may state its own condition (「代理人が届け出る場合のみ記入」) without an if.
                foreach (var child in node.Children)
                    if (child.Condition is null && child.String("conditionLabel") is { } own) child.Condition = own;
            }
        }

        private static SchemaPart? OwnWith(FormNode node, string keyword)
        {
            foreach (var part in node.OwnParts)
                if (part.Schema.ValueKind == JsonValueKind.Object && part.Schema.TryGetProperty(keyword, out _)) return part;
            return null;
        }

        private static bool IsOnlyReference(JsonElement schema) =>
            schema.TryGetProperty("$ref", out _) && !schema.TryGetProperty("type", out _) && !schema.TryGetProperty("properties", out _) && !schema.TryGetProperty("enum", out _);

        private static List<FieldOption> Options(FormNode node)
        {
            var options = new List<FieldOption>();
            var labels = node.Keyword("enumLabels");
            var english = node.Keyword("enumLabelsEn");
            if (node.Keyword("enum") is { ValueKind: JsonValueKind.Array } values)
            {
                foreach (var value in values.EnumerateArray())
                {
                    if (value.ValueKind == JsonValueKind.Null) continue; // a nullable choice prints its real options
                    var key = Key(value);
                    options.Add(new FieldOption(value.Clone(), LabelOf(labels, key) ?? key, LabelOf(english, key)));
                }
            }
            else if (node.Keyword("oneOf") is { ValueKind: JsonValueKind.Array } branches &&
                     branches.GetArrayLength() > 0 && branches.EnumerateArray().All(b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("const", out _)))
            {
                foreach (var branch in branches.EnumerateArray())
                {
                    var value = branch.GetProperty("const");
                    var label = branch.TryGetProperty("title", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : Key(value);
                    var labelEn = branch.TryGetProperty("titleEn", out var le) && le.ValueKind == JsonValueKind.String ? le.GetString() : null;
                    options.Add(new FieldOption(value.Clone(), label, labelEn));
                }
            }
            return options;
        }

        internal static string Key(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

        private static string? LabelOf(JsonElement? labels, string key) =>
            labels is { ValueKind: JsonValueKind.Object } l && l.TryGetProperty(key, out var label) && label.ValueKind == JsonValueKind.String ? label.GetString() : null;

        /// <summary>The <c>if</c>s of an object with what their branches make conditional, worded for print.</summary>
        private static List<FieldCondition> Conditions(FormNode node)
        {
            var always = node.Children.Where(c => c.Parts[0].Role == PartRole.Own).Select(c => c.Name).ToHashSet();
            var result = new List<FieldCondition>();
            foreach (var part in node.Parts)
            {
                if (part.Schema.ValueKind != JsonValueKind.Object || !part.Schema.TryGetProperty("if", out var condition)) continue;
                var ifPointer = JsonPointers.Append(part.Pointer, "if");
                var tests = Tests(condition, ifPointer);
                var then = Branch(part, "then", always);
                var otherwise = Branch(part, "else", always);
                result.Add(new FieldCondition(ifPointer, tests, then.Names, otherwise.Names,
                    then.Label ?? Words(node, tests, negate: false), otherwise.Label ?? Words(node, tests, negate: true))
                {
                    PageTests = ExactTests(condition, ifPointer, []),
                });
            }
            return result;
        }

        private static List<ConditionTest> Tests(JsonElement condition, string pointer)
        {
            var tests = new List<ConditionTest>();
            if (condition.ValueKind != JsonValueKind.Object || !condition.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
                return tests;
            foreach (var property in properties.EnumerateObject())
            {
                var at = JsonPointers.Append(JsonPointers.Append(pointer, "properties"), property.Name);
                if (Compared(property.Value, at) is { } compared) tests.Add(new ConditionTest(property.Name, compared.Values, compared.Pointer));
            }
            return tests;
        }

        /// <summary>The values a condition's property schema compares with (its <c>const</c>, else its <c>enum</c>), and where they stand.</summary>
        private static (IReadOnlyList<JsonElement> Values, string Pointer)? Compared(JsonElement schema, string pointer)
        {
            if (schema.ValueKind != JsonValueKind.Object) return null;
            if (schema.TryGetProperty("const", out var c)) return ([c.Clone()], JsonPointers.Append(pointer, "const"));
            if (schema.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array)
                return ([.. e.EnumerateArray().Select(v => v.Clone())], JsonPointers.Append(pointer, "enum"));
            return null;
        }

        private static readonly HashSet<string> Annotations = ["title", "titleEn", "description", "$comment"];

        /// <summary>
        /// The tests of an <c>if</c> when they say all it says: properties (nested ones too, as paths) compared with
        /// <c>const</c>/<c>enum</c>, and <c>required</c> among them; null when the <c>if</c> says more (a minimum, a
        /// pattern, a not), so a front end deciding from tests would decide otherwise than validation.
        /// </summary>
        private static List<ConditionTest>? ExactTests(JsonElement condition, string pointer, List<string> path)
        {
            if (condition.ValueKind != JsonValueKind.Object || !condition.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
                return null;
            var required = new HashSet<string>(StringComparer.Ordinal);
            foreach (var keyword in condition.EnumerateObject())
            {
                if (keyword.Name is "properties" || Annotations.Contains(keyword.Name)) continue;
                if (keyword.Name != "required" || keyword.Value.ValueKind != JsonValueKind.Array) return null;
                foreach (var name in keyword.Value.EnumerateArray())
                {
                    if (name.ValueKind != JsonValueKind.String || !properties.TryGetProperty(name.GetString()!, out _)) return null;
                    required.Add(name.GetString()!);
                }
            }
            var tests = new List<ConditionTest>();
            foreach (var property in properties.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Object) return null;
                var at = JsonPointers.Append(JsonPointers.Append(pointer, "properties"), property.Name);
                var relative = string.Join("/", path.Append(JsonPointers.Escape(property.Name)));
                if (property.Value.TryGetProperty("const", out _) || property.Value.TryGetProperty("enum", out _))
                {
                    if (!property.Value.EnumerateObject().All(k => k.Name is "const" or "enum" or "type" || Annotations.Contains(k.Name))) return null;
                    if (Compared(property.Value, at) is not { Values.Count: > 0 } compared) return null;
                    tests.Add(new ConditionTest(relative, compared.Values, compared.Pointer) { Required = required.Contains(property.Name) });
                }
                else if (ExactTests(property.Value, at, [.. path, JsonPointers.Escape(property.Name)]) is { } nested &&
                         nested.All(t => t.Required == required.Contains(property.Name)))
                {
                    // A page sees one thing when the block or its field is missing: the if must treat both alike (both
                    // required, or neither), or the page could decide otherwise than validation.
                    tests.AddRange(nested);
                }
                else
                {
                    return null;
                }
            }
            return tests.Count > 0 ? tests : null;
        }

        /// <summary>
        /// The fields a branch makes conditional: those it requires, and those only it declares. A branch that merely adds
        /// a rule to a field the object always declares does not make that field conditional.
        /// </summary>
        private static (List<string> Names, string? Label) Branch(SchemaPart part, string keyword, HashSet<string> always)
        {
            if (!part.Schema.TryGetProperty(keyword, out var branch) || branch.ValueKind != JsonValueKind.Object) return ([], null);
            var names = new List<string>();
            if (branch.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
                names.AddRange(required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!));
            if (branch.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
                names.AddRange(properties.EnumerateObject().Select(p => p.Name).Where(n => !always.Contains(n)));
            var label = branch.TryGetProperty("conditionLabel", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
            return ([.. names.Distinct()], label);
        }

        /// <summary>「配偶者の有無が「はい」の場合のみ記入」 from <c>if: {properties: {hasSpouse: {const: true}}}</c>.</summary>
        private static string Words(FormNode node, List<ConditionTest> tests, bool negate)
        {
            foreach (var test in tests)
            {
                var field = node.Child(test.Property);
                var title = field?.Label ?? test.Property;
                var value = string.Join("・", test.Values.Select(v => ValueLabel(field, v)));
                return negate ? $"{title}が「{value}」でない場合に記入" : $"{title}が「{value}」の場合のみ記入";
            }
            return negate ? "上記以外の場合に記入" : "該当する場合のみ記入";
        }

        private static string ValueLabel(FormNode? field, JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.True) return "はい";
            if (value.ValueKind == JsonValueKind.False) return "いいえ";
            var key = Key(value);
            return field?.Options.FirstOrDefault(o => Key(o.Value) == key)?.Label ?? key;
        }

        private static List<Requirement> Requirements(FormNode node)
        {
            var result = new List<Requirement>();
            foreach (var part in node.Parts)
            {
                if (part.Schema.ValueKind != JsonValueKind.Object) continue;
                if (part.Schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var name in required.EnumerateArray())
                    {
                        if (name.ValueKind == JsonValueKind.String)
                            result.Add(new Requirement(name.GetString()!, $"{JsonPointers.Append(part.Pointer, "required")}/{i}", part.Role == PartRole.Own));
                        i++;
                    }
                }
                if (part.Schema.TryGetProperty("dependentRequired", out var dependent) && dependent.ValueKind == JsonValueKind.Object)
                    foreach (var entry in dependent.EnumerateObject())
                    {
                        var at = JsonPointers.Append(JsonPointers.Append(part.Pointer, "dependentRequired"), entry.Name);
                        result.Add(new Requirement(entry.Name, at, false));
                        if (entry.Value.ValueKind != JsonValueKind.Array) continue;
                        var i = 0;
                        foreach (var name in entry.Value.EnumerateArray())
                        {
                            if (name.ValueKind == JsonValueKind.String) result.Add(new Requirement(name.GetString()!, $"{at}/{i}", false));
                            i++;
                        }
                    }
            }
            return result;
        }
    }
}
