using System.Text;

namespace ProcedureForms.Cli.Commands;

/// <summary>
/// Text bound for a terminal: control characters (a newline that forges a second error line, ANSI escapes that recolour
/// or clear the screen) and bidirectional overrides are written as <c>\u{1B}</c>, never raw. Submitted text does not
/// reach here (reports name no undeclared key); definitions and file names might.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string text)
    {
        if (!text.Any(Unsafe)) return text;
        var safe = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (Unsafe(c)) safe.Append("\\u{").Append(((int)c).ToString("X", System.Globalization.CultureInfo.InvariantCulture)).Append('}');
            else safe.Append(c);
        }
        return safe.ToString();
    }

    private static bool Unsafe(char c) =>
        char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C' or '\u2028' or '\u2029';
}
