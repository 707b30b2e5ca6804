using Json.Schema;
using ProcedureForms.Definitions.Keywords;
using ProcedureForms.Japanese;
using Rules = ProcedureForms.Japanese;

namespace ProcedureForms.Validation.Formats;

/// <summary>The <c>format</c> names ProcedureForms asserts: ours (jp-*) beside the standard 2020-12 ones.</summary>
internal static class FormFormats
{
    /// <summary>個人番号: 12 digits with check digit.</summary>
    public const string MyNumber = "jp-my-number";
    /// <summary>法人番号: 13 digits with leading check digit.</summary>
    public const string CorporateNumber = "jp-corporate-number";
    /// <summary>郵便番号: NNN-NNNN or NNNNNNN.</summary>
    public const string PostalCode = "jp-postal-code";
    /// <summary>Japanese telephone number.</summary>
    public const string Phone = "jp-phone";
    /// <summary>Full-width katakana (furigana).</summary>
    public const string Katakana = "jp-katakana";
    /// <summary>Hiragana.</summary>
    public const string Hiragana = "jp-hiragana";
    /// <summary>和暦 date such as 令和8年11月26日.</summary>
    public const string EraDate = "jp-era-date";
    /// <summary>金融機関コード (4 digits).</summary>
    public const string BankCode = "jp-bank-code";
    /// <summary>店舗コード (3 digits).</summary>
    public const string BranchCode = "jp-branch-code";
    /// <summary>口座番号 (7 digits).</summary>
    public const string AccountNumber = "jp-account-number";

    /// <summary>The standard formats JsonSchema.Net implements, which ProcedureForms also asserts.</summary>
    public static IReadOnlyList<string> Standard { get; } =
    [
        "date", "date-time", "duration", "email", "hostname", "idn-email", "idn-hostname", "ipv4", "ipv6", "iri",
        "iri-reference", "json-pointer", "regex", "relative-json-pointer", "time", "uri", "uri-reference",
        "uri-template", "uuid",
    ];

    /// <summary>Our formats, by name.</summary>
    public static IReadOnlyList<string> JapaneseNames { get; } =
        [MyNumber, CorporateNumber, PostalCode, Phone, Katakana, Hiragana, EraDate, BankCode, BranchCode, AccountNumber];

    /// <summary>True when <paramref name="name"/> is a format ProcedureForms can assert.</summary>
    public static bool IsKnown(string name) => JapaneseNames.Contains(name) || Standard.Contains(name);

    // A pattern is valid when the bounded engine that will run it can compile it.
    private static readonly JapaneseFormat RegexFormat = new("regex", v => Definitions.Keywords.BoundedRegex.TryCreate(v, out _) ? null : ErrorCodes.Shape);

    internal static IReadOnlyDictionary<string, JapaneseFormat> Implementations { get; } = new JapaneseFormat[]
    {
        new(MyNumber, v => Reason(Rules.MyNumber.Check(v))),
        new(CorporateNumber, v => Reason(Rules.CorporateNumber.Check(v))),
        new(PostalCode, v => Rules.PostalCode.IsValid(v) ? null : ErrorCodes.Shape),
        new(Phone, v => JapanesePhone.IsValid(v) ? null : ErrorCodes.Shape),
        new(Katakana, v => Kana.IsKatakana(v) ? null : ErrorCodes.Shape),
        new(Hiragana, v => Kana.IsHiragana(v) ? null : ErrorCodes.Shape),
        new(EraDate, EraDateReason),
        new(BankCode, v => BankAccount.IsBankCode(v) ? null : ErrorCodes.Shape),
        new(BranchCode, v => BankAccount.IsBranchCode(v) ? null : ErrorCodes.Shape),
        new(AccountNumber, v => BankAccount.IsAccountNumber(v) ? null : ErrorCodes.Shape),
    }.ToDictionary(f => f.Key);

    /// <summary>A registry with our formats; lookups of the standard ones fall through to JsonSchema.Net's.</summary>
    internal static FormatRegistry Registry { get; } = CreateRegistry();

    private static FormatRegistry CreateRegistry()
    {
        var registry = new FormatRegistry();
        foreach (var name in Standard)
            registry.Register(name == "regex" ? RegexFormat : new GuardedFormat(FormatRegistry.Global.Get(name)));
        foreach (var format in Implementations.Values) registry.Register(format);
        return registry;
    }

    private static string? Reason(NumberCheck check) => check switch
    {
        NumberCheck.Valid => null,
        NumberCheck.CheckDigit => ErrorCodes.CheckDigit,
        _ => ErrorCodes.Shape,
    };

    private static string? EraDateReason(string value)
    {
        if (JapaneseDate.TryParse(value, out _)) return null;
        // Well-formed but impossible (平成31年5月1日, 2月30日) reads differently from a malformed value.
        var shaped = System.Text.RegularExpressions.Regex.IsMatch(value, @"^(明治|大正|昭和|平成|令和)(元|[0-9]{1,2})年[0-9]{1,2}月[0-9]{1,2}日\z",
            System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
        return shaped ? ErrorCodes.NoSuchDate : ErrorCodes.Shape;
    }
}
