using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using CsCheck;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Tests.Rendering;
using ProcedureForms.Validation;
using Xunit.Abstractions;

namespace ProcedureForms.Tests.Hostile;

/// <summary>
/// Generated inputs (CsCheck) for load, validate and render. The only outcomes allowed are a report or a documented
/// error type; a valid submission always renders; what is printed equals what was validated. About 11,000 cases in
/// CI; set PROCFORMS_PROPERTY_SCALE (e.g. 20) for a longer run by hand.
/// </summary>
public sealed class GeneratedInputTests(ITestOutputHelper output)
{
    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("PROCFORMS_PROPERTY_SCALE"), out var s) && s > 0 ? s : 1;
    private static readonly ProcedureForm Pregnancy = ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "schemas", "forms", "ninshin-todokede.json"));
    private static readonly ProcedureForm Allowance = ProcedureForm.FromFile(Forms.ChildAllowancePath);
    private static readonly string ValidPregnancy = File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "ninshin-todokede", "submissions", "valid.json"));
    private static readonly ValidationOptions Printable = new() { PrintCheck = new PrintCheck(FontRegistry.Default.Get(FontRegistry.IpaexMincho)) };

    // ---- generators ----

    /// <summary>Pieces of text from every plane that matters: kana and kanji, IVS sequences, supplementary kanji, private
    /// use, lone surrogates, combining marks, controls, emoji, bidi controls, and any BMP character.</summary>
    private static readonly Gen<string> Piece = Gen.Frequency(
        (6, Gen.Char['\u3041', '\u30FA'].Select(c => c.ToString())),
        (6, Gen.Char['\u4E00', '\u9FA0'].Select(c => c.ToString())),
        (4, Gen.Char[' ', '~'].Select(c => c.ToString())),
        (2, Gen.Select(Gen.Char['\u4E00', '\u9FA0'], Gen.Int[0xE0100, 0xE01EF], (k, v) => k + char.ConvertFromUtf32(v))),
        (2, Gen.Int[0x20000, 0x2A6DF].Select(char.ConvertFromUtf32)),
        (1, Gen.Char['\uE000', '\uF8FF'].Select(c => c.ToString())),
        (1, Gen.Char['\uD800', '\uDFFF'].Select(c => c.ToString())),
        (2, Gen.Char['\u0300', '\u036F'].Select(c => c.ToString())),
        (1, Gen.Char['\u0000', '\u001F'].Select(c => c.ToString())),
        (1, Gen.Int[0x1F600, 0x1F64F].Select(char.ConvertFromUtf32)),
        (1, Gen.Char['\u202A', '\u202E'].Select(c => c.ToString())),
        (2, Gen.Char.Select(c => c.ToString())));

    private static readonly Gen<string> Text = Piece.Array[0, 24].Select(string.Concat);

    /// <summary>JSON numbers as written: any sign, digits, fraction and exponent (e-500 … e500).</summary>
    private static readonly Gen<string> NumberLiteral = Gen.Select(
        Gen.Bool, Gen.Frequency((3, Gen.Int[0, 60].Select(i => i.ToString(CultureInfo.InvariantCulture))), (1, Gen.String[Gen.Char['0', '9'], 1, 30].Select(d => d.TrimStart('0') is { Length: > 0 } t ? t : "0"))),
        Gen.Frequency((3, Gen.Const("")), (1, Gen.String[Gen.Char['0', '9'], 1, 25].Select(f => "." + f))),
        Gen.Frequency((3, Gen.Const("")), (1, Gen.Int[-500, 500].Select(e => "e" + e.ToString(CultureInfo.InvariantCulture))), (1, Gen.Int[-3, 3].Select(e => "E+" + Math.Abs(e)))),
        (negative, integer, fraction, exponent) => (negative ? "-" : "") + integer + fraction + exponent);

    private static readonly Gen<string> JsonValue = Gen.Recursive<string>((depth, tree) => Gen.Frequency(
        (4, Gen.OneOf(Gen.Const("null"), Gen.Const("true"), Gen.Const("false"), NumberLiteral, Text.Select(Quote))),
        (depth < 4 ? 1 : 0, tree.Array[0, 5].Select(items => "[" + string.Join(",", items) + "]")),
        (depth < 4 ? 2 : 0, Gen.Select(Gen.OneOf(Text, Gen.OneOf(Gen.Const("claimant"), Gen.Const("applicationDate"), Gen.Const("children"), Gen.Const("myNumber"))), tree)
            .Array[0, 6].Select(members => "{" + string.Join(",", members.Select(m => Quote(m.Item1) + ":" + m.Item2)) + "}"))));

    /// <summary>A JSON string literal for any UTF-16 text, lone surrogates included (as \u escapes).</summary>
    private static string Quote(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
            json.Append(c is '"' or '\\' || c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString());
        return json.Append('"').ToString();
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }

    private int Run<T>(Gen<T> gen, int iterations, Action<T> property)
    {
        var count = 0;
        gen.Sample(value =>
        {
            Interlocked.Increment(ref count);
            property(value);
        }, iter: iterations * Scale);
        output.WriteLine($"{count} cases");
        return count;
    }

    // ---- properties ----

    [Fact]
    public void Arbitrary_json_gives_a_report_or_a_format_error()
    {
        Run(Gen.Frequency((5, JsonValue), (1, JsonValue.Select(j => j.Length > 2 ? j[..(j.Length / 2)] : j + "}"))), 4_000, json =>
        {
            foreach (var form in (ProcedureForm[])[Allowance, Pregnancy])
            {
                ValidationReport report;
                try
                {
                    report = form.Validate(json, Printable);
                }
                catch (SubmissionFormatException)
                {
                    continue;
                }
                using var document = JsonDocument.Parse(json);
                if (report.IsValid) Assert.NotEmpty(FormRenderer.Render(form, document.RootElement));
                else
                {
                    var refused = Assert.ThrowsAny<Exception>(() => FormRenderer.Render(form, document.RootElement));
                    Assert.True(refused is SubmissionInvalidException or PrintCheckException, refused.GetType().Name);
                }
            }
        });
    }

    [Fact]
    public void Text_from_every_plane_prints_exactly_as_validated_or_is_refused()
    {
        Run(Text, 2_500, value =>
        {
            var json = ValidPregnancy.Replace("\"会社員\"", Quote(value), StringComparison.Ordinal);
            ValidationReport report;
            try
            {
                report = Pregnancy.Validate(json, Printable);
            }
            catch (SubmissionFormatException)
            {
                Assert.True(HasLoneSurrogate(value), "only text that is not text is unreadable");
                return;
            }
            using var document = JsonDocument.Parse(json);
            if (!report.IsPrintable)
            {
                var refused = Assert.ThrowsAny<Exception>(() => FormRenderer.Render(Pregnancy, document.RootElement));
                Assert.True(refused is SubmissionInvalidException or PrintCheckException, refused.GetType().Name);
                return;
            }
            var printed = string.Concat(Printed.Texts(FormRenderer.Layout(Pregnancy, document.RootElement), "/pregnantPerson/occupation"));
            Assert.Equal(value, printed);
            Assert.NotEmpty(FormRenderer.Render(Pregnancy, document.RootElement));
        });
    }

    [Fact]
    public void Numbers_print_as_the_value_validated()
    {
        Run(NumberLiteral, 4_000, literal =>
        {
            var json = System.Text.RegularExpressions.Regex.Replace(ValidPregnancy, "(\"weeks\"\\s*:\\s*)[-0-9.eE+]+", m => m.Groups[1].Value + literal);
            var report = Pregnancy.Validate(json);
            var (value, isInteger) = Exact(literal);
            var canonical = value.Denominator.IsOne ? value.Numerator.ToString(CultureInfo.InvariantCulture) : null;
            var expectValid = isInteger && value.Numerator >= 0 && value.Numerator <= 45 && literal.Length < 600;
            Assert.True(expectValid == report.IsValid, $"{literal}: expected valid={expectValid}, got {string.Join("; ", report.Errors.Select(e => e.Keyword))}");
            if (!report.IsValid) return;
            using var document = JsonDocument.Parse(json);
            Assert.Equal([canonical!], Printed.Texts(FormRenderer.Layout(Pregnancy, document.RootElement), "/pregnancy/weeks"));
        });
    }

    [Fact]
    public void Arbitrary_definitions_load_or_fail_with_a_definition_error_and_never_crash_validation()
    {
        var keyword = Gen.OneOf(
            Gen.Const("type"), Gen.Const("properties"), Gen.Const("items"), Gen.Const("$ref"), Gen.Const("$dynamicRef"), Gen.Const("$defs"),
            Gen.Const("enum"), Gen.Const("const"), Gen.Const("pattern"), Gen.Const("format"), Gen.Const("maxLength"), Gen.Const("minimum"),
            Gen.Const("allOf"), Gen.Const("anyOf"), Gen.Const("if"), Gen.Const("then"), Gen.Const("required"), Gen.Const("boxes"),
            Gen.Const("enumLabels"), Gen.Const("rows"), Gen.Const("dateNotAfter"), Gen.Const("additionalProperties"), Gen.Const("title"));
        var schema = Gen.Recursive<string>((depth, tree) => Gen.Frequency(
            (2, Gen.OneOf(Gen.Const("true"), Gen.Const("false"), Gen.Const("{}"), Gen.Const("{\"type\":\"string\"}"), Gen.Const("{\"$ref\":\"#\"}"), Gen.Const("{\"$ref\":\"#/$defs/x\"}"))),
            (depth < 3 ? 3 : 0, Gen.Select(keyword, Gen.OneOf(tree, JsonValue, tree.Array[0, 3].Select(a => "[" + string.Join(",", a) + "]"))).Array[0, 5]
                .Select(members => "{" + string.Join(",", members.DistinctBy(m => m.Item1).Select(m => Quote(m.Item1) + ":" + m.Item2)) + "}"))));
        var loaded = 0;
        Run(Gen.Select(schema, JsonValue), 1_000, pair =>
        {
            var (definition, submission) = pair;
            ProcedureForm form;
            try
            {
                form = ProcedureForm.FromText(definition);
            }
            catch (FormDefinitionException)
            {
                return;
            }
            Interlocked.Increment(ref loaded);
            _ = FormLinter.Lint(form);
            try
            {
                _ = form.Validate(submission);
            }
            catch (SubmissionFormatException)
            {
            }
        });
        output.WriteLine($"{loaded} of them loaded");
        Assert.True(loaded > 50, "the generator should produce loadable definitions, or validation is never exercised");
    }

    /// <summary>The literal's exact value as a fraction (an oracle independent of the library's own reading).</summary>
    private static (BigRational Value, bool IsInteger) Exact(string literal)
    {
        var negative = literal.StartsWith('-');
        var body = negative ? literal[1..] : literal;
        var e = body.IndexOfAny(['e', 'E']);
        var exponent = e < 0 ? 0 : int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? body : body[..e];
        var point = mantissa.IndexOf('.');
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
            mantissa = mantissa.Remove(point, 1);
        }
        var m = BigInteger.Parse(mantissa, CultureInfo.InvariantCulture) * (negative ? -1 : 1);
        var value = exponent >= 0 ? new BigRational(m * BigInteger.Pow(10, exponent), 1) : new BigRational(m, BigInteger.Pow(10, -exponent));
        return (value, value.Denominator.IsOne);
    }

    private readonly record struct BigRational
    {
        public BigRational(BigInteger numerator, BigInteger denominator)
        {
            var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
            (Numerator, Denominator) = gcd.IsZero ? (0, 1) : (numerator / gcd, denominator / gcd);
        }

        public BigInteger Numerator { get; }
        public BigInteger Denominator { get; }
    }
}
