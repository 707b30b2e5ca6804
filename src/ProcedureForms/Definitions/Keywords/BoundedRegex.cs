using System.Text;
using System.Text.RegularExpressions;
using Json.Schema;

namespace ProcedureForms.Definitions.Keywords;

/// <summary>
/// Builds the regexes behind <c>pattern</c> and <c>patternProperties</c> so that no submission can make them run for long:
/// the linear-time NonBacktracking engine where the pattern allows it, otherwise the backtracking engine with a match timeout.
/// Patterns are translated from ECMA-262 first (see <see cref="Translate"/>).
/// </summary>
internal static class BoundedRegex
{
    /// <summary>How long a backtracking match may run before it is reported as an error.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    /// <exception cref="ArgumentException">The pattern is not a valid ECMA-262 regular expression.</exception>
    public static Regex Create(string pattern)
    {
        var translated = Translate(pattern);
        try
        {
            return new Regex(translated, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException)
        {
            // Backreferences, lookarounds and the like: fall through to the bounded backtracking engine.
        }
        return new Regex(translated, RegexOptions.CultureInvariant, MatchTimeout);
    }

    /// <summary>Runs a regex-backed evaluation; a match that times out becomes a failed keyword, not an exception.</summary>
    public static KeywordEvaluation Guard(string keyword, Func<KeywordEvaluation> evaluate)
    {
        // The time one validation may spend matching, across all its matches: 100 rows of a backreference pattern at
        // the per-match timeout each took 22 s. Once spent, matches fail without running.
        // A match that did not run or did not finish answers "invalid"; under `not` or an `if` that would turn into
        // "valid", so the validation is marked incomplete and its report made invalid whatever the keyword said.
        var budget = t_budget;
        if (budget is not null && budget.Spent > budget.Limit)
        {
            budget.Incomplete = true;
            return new KeywordEvaluation { Keyword = keyword, IsValid = false, Error = ErrorCodes.RegexBudget };
        }
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return evaluate();
        }
        catch (RegexMatchTimeoutException)
        {
            if (budget is not null) budget.Incomplete = true;
            return new KeywordEvaluation { Keyword = keyword, IsValid = false, Error = ErrorCodes.RegexTimeout };
        }
        finally
        {
            // Only the time spent matching counts: not the rest of evaluation, not waiting for a lock, not a busy machine's other work.
            if (budget is not null) budget.Spent += System.Diagnostics.Stopwatch.GetElapsedTime(start);
        }
    }

    // Evaluation runs synchronously on the validating thread, so the budget of the validation in progress is thread-static.
    [ThreadStatic] private static Budget? t_budget;

    /// <summary>The matching time of one validation in progress, and whether some match did not run to its end.</summary>
    internal sealed class Budget(TimeSpan limit, Budget? outer) : IDisposable
    {
        public TimeSpan Limit { get; } = limit;
        public TimeSpan Spent { get; set; }
        public bool Incomplete { get; set; }
        public void Dispose() => t_budget = outer;
    }

    /// <summary>Starts the matching budget of one validation; dispose it when the validation ends.</summary>
    public static Budget StartBudget(TimeSpan limit) => t_budget = new Budget(limit, t_budget);

    /// <summary>The budget of the validation in progress, in seconds, for its message.</summary>
    public static string BudgetSeconds => (t_budget?.Limit.TotalSeconds ?? 0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryCreate(string pattern, out Regex? regex)
    {
        try
        {
            regex = Create(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            regex = null;
            return false;
        }
    }

    // ECMA-262 (with the u flag) writes Unicode general categories by long name; .NET knows only the short ones.
    private static readonly Dictionary<string, string> CategoryNames = new(StringComparer.Ordinal)
    {
        ["Letter"] = "L", ["Cased_Letter"] = "L", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll",
        ["Titlecase_Letter"] = "Lt", ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo", ["Mark"] = "M",
        ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc", ["Enclosing_Mark"] = "Me", ["Number"] = "N",
        ["Decimal_Number"] = "Nd", ["digit"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No",
        ["Punctuation"] = "P", ["punct"] = "P", ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd",
        ["Open_Punctuation"] = "Ps", ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi",
        ["Final_Punctuation"] = "Pf", ["Other_Punctuation"] = "Po", ["Symbol"] = "S", ["Math_Symbol"] = "Sm",
        ["Currency_Symbol"] = "Sc", ["Modifier_Symbol"] = "Sk", ["Other_Symbol"] = "So", ["Separator"] = "Z",
        ["Space_Separator"] = "Zs", ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp", ["Other"] = "C",
        ["Control"] = "Cc", ["cntrl"] = "Cc", ["Format"] = "Cf", ["Surrogate"] = "Cs", ["Private_Use"] = "Co",
        ["Unassigned"] = "Cn",
    };

    /// <summary>
    /// Rewrites an ECMA-262 pattern into .NET syntax with the same meaning: JSON Schema regexes are ECMA-262, where
    /// <c>\d</c> and <c>\w</c> are ASCII-only (.NET's <c>\d</c> would accept full-width １２３), <c>$</c> matches only at the
    /// very end (.NET's also before a final newline), <c>.</c> excludes every line terminator, and <c>[]</c>/<c>[^]</c>
    /// match nothing/anything. .NET-only syntax is refused, so what validates as a pattern is what runs.
    /// </summary>
    private static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length) throw new ArgumentException("A pattern cannot end with a backslash.");
                var n = pattern[++i];
                switch (n)
                {
                    case 'd': sb.Append(inClass ? "0-9" : "[0-9]"); break;
                    case 'w': sb.Append(inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]"); break;
                    case 'D' when !inClass: sb.Append("[^0-9]"); break;
                    case 'W' when !inClass: sb.Append("[^a-zA-Z0-9_]"); break;
                    case 'D' or 'W': sb.Append('\\').Append(n); break; // inside a class .NET's (Unicode) meaning stands: rare in forms
                    case 'a' or 'A' or 'Z' or 'z' or 'G' or 'e':
                        throw new ArgumentException($"\\{n} is not an ECMA-262 escape.");
                    case 'p' or 'P' when i + 1 < pattern.Length && pattern[i + 1] == '{':
                        var close = pattern.IndexOf('}', i + 2);
                        if (close < 0) throw new ArgumentException("Unterminated \\p{...}.");
                        var name = pattern[(i + 2)..close];
                        if (name.StartsWith("General_Category=", StringComparison.Ordinal)) name = name["General_Category=".Length..];
                        else if (name.StartsWith("gc=", StringComparison.Ordinal)) name = name[3..];
                        sb.Append('\\').Append(n).Append('{').Append(CategoryNames.GetValueOrDefault(name, name)).Append('}');
                        i = close;
                        break;
                    default: sb.Append('\\').Append(n); break;
                }
                continue;
            }
            if (inClass)
            {
                if (c == ']') inClass = false;
                sb.Append(c);
                continue;
            }
            switch (c)
            {
                case '[' when pattern.AsSpan(i).StartsWith("[]"):
                    sb.Append("[^\\s\\S]"); // matches nothing
                    i += 1;
                    break;
                case '[' when pattern.AsSpan(i).StartsWith("[^]"):
                    sb.Append("[\\s\\S]"); // matches anything
                    i += 2;
                    break;
                case '[':
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^') sb.Append(pattern[++i]);
                    break;
                case '$':
                    sb.Append("\\z");
                    break;
                case '.':
                    sb.Append("[^\\n\\r\\u2028\\u2029]");
                    break;
                case '(' when pattern.AsSpan(i).StartsWith("(?") && i + 2 < pattern.Length:
                    var kind = pattern[i + 2];
                    // (?: (?= (?! (?<= (?<! and named groups (?<name> are ECMA-262; (?i) (?# (?> (?( are not.
                    if (kind is not (':' or '=' or '!' or '<'))
                        throw new ArgumentException($"'(?{kind}' is .NET syntax, not ECMA-262.");
                    sb.Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
