using System.Globalization;
using System.Text;
using Json.Schema;
using Json.Schema.Keywords;

namespace ProcedureForms.Definitions.Keywords;

/// <summary>
/// Length in Unicode code points, as 2020-12 §6.3 defines it. JsonSchema.Net counts grapheme clusters, so a letter followed
/// by ten thousand combining marks counted as one character and passed <c>maxLength: 30</c>.
/// </summary>
internal static class CodePointLength
{
    /// <summary>Code points in <paramref name="text"/>; a lone surrogate counts as one (it is printed as one replacement).</summary>
    public static long Of(string text)
    {
        long count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }

    public static KeywordEvaluation Evaluate(string name, KeywordData keyword, EvaluationContext context, bool isMaximum)
    {
        if (context.Instance.ValueKind is not System.Text.Json.JsonValueKind.String) return KeywordEvaluation.Ignore;
        var limit = (long)keyword.Value!;
        var length = Of(context.Instance.GetString()!);
        var valid = isMaximum ? length <= limit : length >= limit;
        return new KeywordEvaluation
        {
            Keyword = name,
            IsValid = valid,
            Error = valid ? null : string.Create(CultureInfo.InvariantCulture, $"length {length}, limit {limit}"),
        };
    }
}

/// <summary><c>maxLength</c> counting code points (see <see cref="CodePointLength"/>).</summary>
internal sealed class CodePointMaxLengthKeyword : MaxLengthKeyword
{
    public static new CodePointMaxLengthKeyword Instance { get; } = new();

    private CodePointMaxLengthKeyword() { }

    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context) =>
        CodePointLength.Evaluate(Name, keyword, context, isMaximum: true);
}

/// <summary><c>minLength</c> counting code points (see <see cref="CodePointLength"/>).</summary>
internal sealed class CodePointMinLengthKeyword : MinLengthKeyword
{
    public static new CodePointMinLengthKeyword Instance { get; } = new();

    private CodePointMinLengthKeyword() { }

    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context) =>
        CodePointLength.Evaluate(Name, keyword, context, isMaximum: false);
}
