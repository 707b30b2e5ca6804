using System.Text;

namespace ProcedureForms.Validation.Messages;

/// <summary>
/// The built-in messages, in Japanese and English, one per keyword (and per reason where a keyword fails in more
/// than one way). Placeholders: {label} (the field as messages name it, with its block's title: 「請求者・氏名」) {title}
/// (its own title only) {limit} {actual} {other} {expected} {char} {code} {font} {example}.
/// </summary>
/// <remarks>Ours, not JsonSchema.Net's: its messages are English only and its setters are process-wide.</remarks>
internal static class MessageCatalog
{
    private static readonly Dictionary<string, (string Ja, string En)> Templates = new()
    {
        ["required"] = ("「{label}」を入力してください。", "Enter {label}."),
        ["dependentRequired"] = ("「{other}」を入力した場合は、「{label}」も入力してください。", "{label} is required when {other} is given."),
        ["type"] = ("「{label}」は{expected}にしてください。", "{label} must be {expected}."),
        ["enum"] = ("「{label}」は次のいずれかを選んでください：{expected}", "Choose {label} from: {expected}."),
        ["enum:long"] = ("「{label}」は選択肢の中から選んでください。", "Choose {label} from the listed options."),
        ["const"] = ("「{label}」は「{expected}」としてください。", "{label} must be {expected}."),
        ["const:true"] = ("「{label}」にチェックを入れてください。", "Tick {label}."),
        ["multipleOf"] = ("「{label}」は{limit}の倍数で入力してください。", "{label} must be a multiple of {limit}."),
        ["maximum"] = ("「{label}」は{limit}以下で入力してください。", "{label} must be {limit} or less."),
        ["exclusiveMaximum"] = ("「{label}」は{limit}未満で入力してください。", "{label} must be less than {limit}."),
        ["minimum"] = ("「{label}」は{limit}以上で入力してください。", "{label} must be {limit} or more."),
        ["exclusiveMinimum"] = ("「{label}」は{limit}より大きい値で入力してください。", "{label} must be greater than {limit}."),
        ["maxLength"] = ("「{label}」は{limit}文字以内で入力してください（現在{actual}文字）。", "{label} must be at most {limit} characters (now {actual})."),
        ["minLength"] = ("「{label}」は{limit}文字以上で入力してください（現在{actual}文字）。", "{label} must be at least {limit} characters (now {actual})."),
        ["minLength:1"] = ("「{label}」を入力してください。", "Enter {label}."),
        ["pattern"] = ("「{label}」の形式が正しくありません。", "{label} is not in the expected form."),
        ["pattern:example"] = ("「{label}」は {example} の形式で入力してください。", "{label} must look like {example}."),
        ["maxItems"] = ("「{label}」は{limit}件以内で入力してください（現在{actual}件）。", "{label} may have at most {limit} entries (now {actual})."),
        ["minItems"] = ("「{label}」は{limit}件以上入力してください（現在{actual}件）。", "{label} needs at least {limit} entries (now {actual})."),
        ["minItems:1"] = ("「{label}」は1件以上入力してください（現在{actual}件）。", "{label} needs at least one entry (now {actual})."),
        ["minItems:choice"] = ("「{label}」は{limit}つ以上選んでください。", "Choose at least {limit} for {label}."),
        ["minItems:choice:1"] = ("「{label}」を選んでください（1つ以上）。", "Choose at least one for {label}."),
        ["uniqueItems"] = ("「{label}」に同じ内容が重複しています。", "{label} has duplicate entries."),
        ["contains"] = ("「{label}」に条件を満たすものが{limit}件以上必要です（現在{actual}件）。", "{label} needs at least {limit} matching entries (now {actual})."),
        ["contains:max"] = ("「{label}」の条件を満たすものは{limit}件以内にしてください（現在{actual}件）。", "{label} may have at most {limit} matching entries (now {actual})."),
        ["maxProperties"] = ("「{label}」の項目は{limit}個以内にしてください（現在{actual}個）。", "{label} may have at most {limit} items (now {actual})."),
        ["minProperties"] = ("「{label}」は{limit}個以上の項目を入力してください（現在{actual}個）。", "{label} needs at least {limit} items (now {actual})."),
        ["additionalProperties"] = ("「{parent}」にない項目が入力されています。", "{parent} has a field this form does not have."),
        ["unevaluatedProperties"] = ("「{parent}」にない項目が入力されています。", "{parent} has a field this form does not have."),
        ["unevaluatedItems"] = ("「{label}」は入力できない行です。", "{label} is not allowed here."),
        ["false"] = ("「{label}」は入力できません。", "{label} must not be given."),
        ["propertyNames"] = ("「{label}」に使えない項目名があります。", "{label} has a field name that is not allowed."),
        ["not"] = ("「{label}」にこの内容は入力できません。", "{label} must not have this value."),
        ["oneOf"] = ("「{label}」は条件のうち一つだけに当てはまるように入力してください。", "{label} must match exactly one of the alternatives."),
        ["anyOf"] = ("「{label}」はいずれかの条件を満たすように入力してください。", "{label} must match one of the alternatives."),
        ["regex-timeout"] = ("「{label}」の形式を確認できませんでした（入力が複雑すぎます）。", "{label} could not be checked (the value is too complex)."),
        ["format"] = ("「{label}」は{expected}の形式で入力してください。", "{label} must be a valid {expected}."),
        ["format:date"] = ("「{label}」は 2026-11-26 の形式で、実在する日付を入力してください。", "{label} must be a real date written as 2026-11-26."),
        ["format:date-time"] = ("「{label}」は 2026-11-26T09:00:00+09:00 の形式で入力してください。", "{label} must be a date and time such as 2026-11-26T09:00:00+09:00."),
        ["format:time"] = ("「{label}」は 09:00:00+09:00 の形式で入力してください。", "{label} must be a time such as 09:00:00+09:00."),
        ["format:email"] = ("「{label}」はメールアドレスの形式で入力してください。", "{label} must be an email address."),
        ["format:jp-my-number"] = ("「{label}」は12桁の数字で入力してください。", "{label} must be 12 digits."),
        ["format:jp-my-number:check-digit"] = ("「{label}」の番号が正しくありません（検査用数字が一致しません）。", "{label} is not a valid My Number (the check digit does not match)."),
        ["format:jp-corporate-number"] = ("「{label}」は13桁の数字で入力してください。", "{label} must be 13 digits."),
        ["format:jp-corporate-number:check-digit"] = ("「{label}」の番号が正しくありません（検査用数字が一致しません）。", "{label} is not a valid corporate number (the check digit does not match)."),
        ["format:jp-postal-code"] = ("「{label}」は 123-4567 の形式で入力してください。", "{label} must be a postal code such as 123-4567."),
        ["format:jp-phone"] = ("「{label}」は 03-1234-5678 のように、0から始まる電話番号を入力してください。", "{label} must be a Japanese telephone number starting with 0, such as 03-1234-5678."),
        ["format:jp-katakana"] = ("「{label}」は全角カタカナで入力してください（姓と名の間は空白1つ）。", "{label} must be in full-width katakana (one space between family and given name)."),
        ["format:jp-hiragana"] = ("「{label}」はひらがなで入力してください。", "{label} must be in hiragana."),
        ["format:jp-era-date"] = ("「{label}」は 令和8年11月26日 のように和暦で入力してください。", "{label} must be a Japanese-era date such as 令和8年11月26日."),
        ["format:jp-era-date:no-such-date"] = ("「{label}」の日付は存在しません。元号と日付を確かめてください。", "{label} is not a date that exists in that era."),
        ["format:jp-bank-code"] = ("「{label}」は4桁の数字で入力してください。", "{label} must be 4 digits."),
        ["format:jp-branch-code"] = ("「{label}」は3桁の数字で入力してください。", "{label} must be 3 digits."),
        ["format:jp-account-number"] = ("「{label}」は7桁の数字で入力してください。", "{label} must be 7 digits."),
        ["dateNotAfter"] = ("「{label}」は「{other}」より後の日付にはできません。", "{label} cannot be later than {other}."),
        ["dateNotAfter:after"] = ("「{label}」は「{other}」から{days}日後までの日付にしてください。", "{label} must be no later than {days} days after {other}."),
        ["dateNotAfter:before"] = ("「{label}」は「{other}」の{days}日前までの日付にしてください。", "{label} must be at least {days} days before {other}."),
        ["dateNotBefore:after"] = ("「{label}」は「{other}」の{days}日後以降の日付にしてください。", "{label} must be at least {days} days after {other}."),
        ["dateNotBefore:before"] = ("「{label}」は「{other}」の{days}日前以降の日付にしてください。", "{label} must be no earlier than {days} days before {other}."),
        ["dateNotBefore"] = ("「{label}」は「{other}」より前の日付にはできません。", "{label} cannot be earlier than {other}."),
        ["ageOn"] = ("「{label}」から計算した{other}時点の年齢は{expected}である必要があります。", "The age at {other}, from {label}, must be {expected}."),
        ["eras"] = ("「{label}」は{expected}の日付を入力してください（この様式の日付欄に印字されている元号です）。", "{label} must be a date in the {expected} era(s) this form's date line prints."),
        ["eras:range"] = ("「{label}」は{limit}の日付を入力してください（和暦で書ける日付です）。", "{label} must be a date from {limit} (one the Japanese-era date line can write)."),
        ["formatMinimum"] = ("「{label}」は{limit}以降の日付を入力してください。", "{label} must be on or after {limit}."),
        ["formatMaximum"] = ("「{label}」は{limit}以前の日付を入力してください。", "{label} must be on or before {limit}."),
        ["print:NotInFont"] = ("様式の問題で「{label}」を印刷できません：「{char}」（{code}）が印刷に使う書体（{font}）にありません。申請者の入力の誤りではありません。この字のある書体（IPAmj明朝など）を登録して印刷するか、手書きで補ってください。", "The form cannot print {label}: \"{char}\" ({code}) is not in the printing font {font}. This is not the resident's error: print with a font that has it (such as IPAmj Mincho), or write it in by hand."),
        ["print:PrivateUse"] = ("「{label}」に外字（私用領域の文字 {code}）が含まれています。外字は印刷できません。", "{label} contains a private-use character ({code}, legacy gaiji), which cannot be printed."),
        ["print:Control"] = ("「{label}」に印刷できない制御文字（{code}）が含まれています。", "{label} contains a control character ({code}) that cannot be printed."),
        ["print:Malformed"] = ("「{label}」に文字として読めないデータが含まれています。", "{label} contains data that is not valid text."),
        ["limit:maxDepth"] = ("「{label}」の入れ子が深すぎます（上限{limit}段）。", "{label} is nested too deeply (limit: {limit} levels)."),
        ["limit:maxProperties"] = ("「{label}」の項目が多すぎます（{actual}項目、上限{limit}項目）。", "{label} has too many fields ({actual}; limit: {limit})."),
        ["limit:maxItems"] = ("「{label}」の件数が多すぎます（{actual}件、上限{limit}件）。", "{label} has too many entries ({actual}; limit: {limit})."),
        ["limit:maxStringLength"] = ("「{label}」が長すぎます（{actual}文字、上限{limit}文字）。", "{label} is too long ({actual} characters; limit: {limit})."),
        ["limit:maxErrors"] = ("ほかに{actual}件のエラーがあります（最初の{limit}件だけを表示しています）。", "{actual} more errors are not listed (only the first {limit} are)."),
        ["limit:maxRegexTime"] = ("「{label}」を確かめる時間の上限（{limit}秒）を超えました。内容を短く、簡単にしてください。", "Checking {label} took longer than allowed ({limit} s); shorten or simplify it."),
        ["fallback"] = ("「{label}」の入力内容が正しくありません。", "{label} is not valid."),
    };

    private static readonly Dictionary<string, (string Ja, string En)> TypeNames = new()
    {
        ["string"] = ("文字", "text"),
        ["number"] = ("数値", "a number"),
        ["integer"] = ("整数", "a whole number"),
        ["boolean"] = ("「はい」か「いいえ」", "yes or no"),
        ["object"] = ("項目の組", "a group of fields"),
        ["array"] = ("一覧", "a list"),
        ["null"] = ("空欄", "empty"),
    };

    private static readonly string[] Placeholders = ["{label}", "{title}", "{days}", "{limit}", "{actual}", "{other}", "{expected}", "{char}", "{code}", "{font}", "{example}", "{parent}"];

    public static bool HasUnfilled(string message) => message.Contains('{') && Placeholders.Any(p => message.Contains(p, StringComparison.Ordinal));

    private static readonly Dictionary<string, string> FormatNamesJa = new()
    {
        ["date-time"] = "日時", ["time"] = "時刻", ["duration"] = "期間（ISO 8601）", ["email"] = "メールアドレス",
        ["idn-email"] = "メールアドレス", ["hostname"] = "ホスト名", ["idn-hostname"] = "ホスト名", ["ipv4"] = "IPv4アドレス",
        ["ipv6"] = "IPv6アドレス", ["uri"] = "URI", ["uri-reference"] = "URI", ["iri"] = "IRI", ["iri-reference"] = "IRI",
        ["uri-template"] = "URIテンプレート", ["uuid"] = "UUID", ["json-pointer"] = "JSON Pointer",
        ["relative-json-pointer"] = "相対JSON Pointer", ["regex"] = "正規表現",
    };

    /// <summary>A format's name as the message shows it.</summary>
    public static string FormatName(string format, MessageLanguage language) =>
        language == MessageLanguage.Japanese && FormatNamesJa.TryGetValue(format, out var ja) ? ja : format;

    public static bool Has(string key) => Templates.ContainsKey(key);

    public static string Template(string key, MessageLanguage language)
    {
        var (ja, en) = Templates.TryGetValue(key, out var t) ? t : Templates["fallback"];
        return language == MessageLanguage.English ? en : ja;
    }

    public static string TypeName(string type, MessageLanguage language) =>
        TypeNames.TryGetValue(type, out var t) ? (language == MessageLanguage.English ? t.En : t.Ja) : type;

    /// <summary>Replaces {name} placeholders; unknown ones are left as they are.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        var sb = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0) break;
            var close = template.IndexOf('}', open + 1);
            if (close < 0) break;
            sb.Append(template, i, open - i);
            var name = template.Substring(open + 1, close - open - 1);
            sb.Append(values.TryGetValue(name, out var value) ? value : template.Substring(open, close - open + 1));
            i = close + 1;
        }
        sb.Append(template, i, template.Length - i);
        return sb.ToString();
    }
}
