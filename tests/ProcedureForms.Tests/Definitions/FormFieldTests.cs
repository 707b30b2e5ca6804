using System.Text.Json;
using System.Text.RegularExpressions;
using ProcedureForms.Definitions;

namespace ProcedureForms.Tests.Definitions;

/// <summary>
/// The public field tree a front end builds its page from: the same fields, labels, choices and conditions as the
/// printed form, and pointers that every validation message can be placed by.
/// </summary>
public sealed partial class FormFieldTests
{
    private static readonly ProcedureForm ChildAllowance = ProcedureForm.FromFile(Forms.ChildAllowancePath);

    private static IEnumerable<FormField> All(IEnumerable<FormField> fields) => fields.SelectMany(f => All(f.Fields).Prepend(f));

    private static FormField Field(string pointer) => All(ChildAllowance.Fields).Single(f => f.Pointer == pointer);

    [Fact]
    public void Fields_come_in_the_paper_forms_order_with_its_labels_and_kinds()
    {
        Assert.Equal(["/applicationDate", "/claimant", "/pension", "/hasSpouse", "/spouse", "/children", "/collegeAgeChildren", "/confirmationSubmitted", "/payment"],
            ChildAllowance.Fields.Select(f => f.Pointer));
        var myNumber = Field("/claimant/myNumber");
        Assert.Equal(("個人番号", FormFieldKind.Boxes, "jp-my-number", true), (myNumber.Label, myNumber.Kind, myNumber.Format, myNumber.Required));
        Assert.Equal(FormFieldKind.Group, Field("/claimant").Kind);
        Assert.False(Field("/claimant/occupation").Required);
        var gender = Field("/claimant/gender");
        Assert.Equal(FormFieldKind.Choice, gender.Kind);
        Assert.Equal(["男", "女"], gender.Options.Select(o => o.Label));
        Assert.Equal(["male", "female"], gender.Options.Select(o => o.Value.GetString()));
    }

    [Fact]
    public void Yes_and_no_are_worded_as_the_paper_form_words_them()
    {
        Assert.Equal(["有", "無"], Field("/hasSpouse").Options.Select(o => o.Label)); // booleanLabels
        Assert.Equal(["有", "無"], Field("/children/-/custody").Options.Select(o => o.Label)); // in a table row
        Assert.Equal(["はい", "いいえ"], Field("/payment/useKokin").Options.Select(o => o.Label));
        Assert.Equal([JsonValueKind.True, JsonValueKind.False], Field("/hasSpouse").Options.Select(o => o.Value.ValueKind));
    }

    [Fact]
    public void Rows_of_a_table_are_written_with_a_dash_for_the_row_number()
    {
        var children = Field("/children");
        Assert.Equal(FormFieldKind.Table, children.Kind);
        Assert.True(children.Rows > 0);
        Assert.Contains(children.Fields, f => f.Pointer == "/children/-/birthDate" && f.Kind == FormFieldKind.Date && f.Required);
    }

    [Fact]
    public void A_conditional_block_says_when_it_applies_in_words_and_as_a_test()
    {
        var spouse = Field("/spouse");
        Assert.Equal("配偶者がいる場合のみ記入", spouse.ConditionText);
        var when = Assert.IsType<FormFieldCondition>(spouse.ShownWhen);
        Assert.Equal("/hasSpouse", Assert.Single(when.Tests).Field);
        Assert.True(when.Holds(p => p == "/hasSpouse" ? Json("true") : null));
        Assert.False(when.Holds(p => p == "/hasSpouse" ? Json("false") : null));
        Assert.False(when.Holds(_ => null));

        // In an else: the bank fields apply when 公金受取口座 is not used.
        var bank = Assert.IsType<FormFieldCondition>(Field("/payment/bankName").ShownWhen);
        Assert.True(bank.WhenFalse);
        Assert.True(bank.Holds(p => p == "/payment/useKokin" ? Json("false") : null));
        Assert.False(bank.Holds(p => p == "/payment/useKokin" ? Json("true") : null));
        Assert.Null(Field("/claimant/name").ShownWhen);
    }

    [Fact]
    public void A_condition_is_given_only_when_a_page_would_decide_it_as_validation_does()
    {
        var form = Forms.Inline("""
            {
              "title": "届", "type": "object",
              "properties": { "kind": { "enum": ["a", "b"] }, "age": { "type": "integer" }, "x": { "type": "string" }, "y": { "type": "string" }, "z": { "type": "string" } },
              "allOf": [
                { "if": { "properties": { "kind": { "const": "a" } } }, "then": { "required": ["x"] } },
                { "if": { "properties": { "kind": { "const": "b" }, "age": { "minimum": 18 } } }, "then": { "required": ["y"] } },
                { "if": { "properties": { "kind": { "const": "a" } }, "required": ["kind"] }, "then": { "required": ["z"] }, "else": { "required": ["z"] } }
              ]
            }
            """);
        var fields = All(form.Fields).ToDictionary(f => f.Pointer);
        // No "required" in the if: a missing kind passes the test, as in JSON Schema, so x applies until kind is chosen.
        var x = Assert.IsType<FormFieldCondition>(fields["/x"].ShownWhen);
        Assert.True(x.Holds(_ => null));
        Assert.False(x.Holds(p => p == "/kind" ? Json("\"b\"") : null));
        Assert.Null(fields["/y"].ShownWhen); // the if also tests a minimum the tests cannot say: always shown
        Assert.Null(fields["/z"].ShownWhen); // required in both branches: always
    }

    [Fact]
    public void A_condition_on_a_field_inside_a_block_is_given_by_its_path()
    {
        // 住民票: the 委任状 applies when 請求者・本人との関係 is 代理人 (an if on requester.relationship, required there).
        var form = ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "schemas", "forms", "juminhyo-kofu-seikyu.json"));
        var delegation = All(form.Fields).Single(f => f.Pointer == "/delegation");
        var when = Assert.IsType<FormFieldCondition>(delegation.ShownWhen);
        var test = Assert.Single(when.Tests);
        Assert.Equal("/requester/relationship", test.Field);
        Assert.True(test.Required);
        Assert.True(when.Holds(p => p == "/requester/relationship" ? Json("\"agent\"") : null));
        Assert.False(when.Holds(p => p == "/requester/relationship" ? Json("\"self\"") : null));
        Assert.False(when.Holds(_ => null));
    }

    [Fact]
    public void A_nested_condition_that_treats_a_missing_block_and_a_missing_field_differently_is_not_given()
    {
        // requester required, relationship not: a missing requester fails the if, a requester without relationship passes
        // it; a page sees both as "no value", so it could not decide as validation does.
        var form = Forms.Inline("""
            {
              "title": "届", "type": "object",
              "properties": { "requester": { "type": "object", "properties": { "relationship": { "enum": ["self", "agent"] } } }, "delegation": { "type": "string" } },
              "if": { "properties": { "requester": { "properties": { "relationship": { "const": "agent" } } } }, "required": ["requester"] },
              "then": { "required": ["delegation"] }
            }
            """);
        Assert.Null(All(form.Fields).Single(f => f.Pointer == "/delegation").ShownWhen);
    }

    [Fact]
    public void A_label_through_a_submitted_key_is_never_kept()
    {
        var form = Forms.Inline("""{"title":"届","type":"object","properties":{"a":{"title":"甲","type":"string"}},"additionalProperties":{"title":"その他","type":"string"}}""");
        Assert.Equal("その他", form.LabelOf("/123456789018"));
        Assert.Equal("甲", form.LabelOf("/a"));
        var labels = typeof(ProcedureForm).GetProperty("Labels", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(form)!;
        var known = (System.Collections.IEnumerable)labels.GetType().GetField("_known", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(labels)!;
        var keys = known.Cast<object>().Select(k => k.ToString()!).ToList();
        Assert.Contains(keys, k => k.Contains("/a", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.Contains("123456789018", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> InvalidSamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, form, submissions) in Forms.SampleForms().Where(f => f.Name != "pathological"))
            foreach (var file in Directory.GetFiles(submissions, "invalid-*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                data.Add(form, file);
        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidSamples))]
    public void Every_message_of_a_sample_can_be_placed_at_a_field(string formPath, string submissionPath)
    {
        var form = ProcedureForm.FromFile(formPath);
        var pointers = All(form.Fields).Select(f => f.Pointer).ToHashSet(StringComparer.Ordinal);
        var report = form.Validate(File.ReadAllText(submissionPath));
        Assert.False(report.IsValid);
        foreach (var error in report.Errors)
        {
            // A table row's index becomes "-"; an error about a whole row or table stands at the table or the form.
            var template = RowIndex().Replace(error.Pointer, "/-");
            Assert.True(template.Length == 0 || pointers.Contains(template) || pointers.Contains(RowIndexAtEnd().Replace(error.Pointer, "")),
                $"{Path.GetFileName(submissionPath)}: {error.Pointer} ({error.Keyword}) is not a field of the page");
        }
    }

    [Fact]
    public void Every_catalog_form_gives_a_field_tree()
    {
        foreach (var (name, path, _) in Forms.SampleForms().Where(f => f.Name != "pathological"))
        {
            var form = ProcedureForm.FromFile(path);
            Assert.NotEmpty(form.Fields);
            Assert.All(All(form.Fields), f => Assert.False(string.IsNullOrWhiteSpace(f.Label), $"{name}: {f.Pointer} has no label"));
            Assert.All(All(form.Fields).Where(f => f.Kind is FormFieldKind.Choice or FormFieldKind.MultiChoice or FormFieldKind.Boolean), f => Assert.NotEmpty(f.Options));
        }
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [GeneratedRegex(@"/\d+(?=/|$)")]
    private static partial Regex RowIndex();

    [GeneratedRegex(@"/\d+$")]
    private static partial Regex RowIndexAtEnd();
}
