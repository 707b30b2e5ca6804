namespace ProcedureForms.Japanese;

/// <summary>Furigana rules: full-width katakana or hiragana, with one space (full-width or ASCII) between name parts.</summary>
public static class Kana
{
    /// <summary>True for full-width katakana (ァ-ヶ, ヴ, ー) in parts separated by single spaces (姓 名).</summary>
    /// <remarks>Half-width katakana (ｱ) and hiragana are not furigana; normalise them first with <see cref="TextNormalizer"/>.</remarks>
    public static bool IsKatakana(ReadOnlySpan<char> value) => IsSpaced(value, static c => c is (>= 'ァ' and <= 'ヶ') or 'ー');

    /// <summary>True for hiragana (ぁ-ゖ, ゝ, ゞ, ー) in parts separated by single spaces.</summary>
    public static bool IsHiragana(ReadOnlySpan<char> value) => IsSpaced(value, static c => c is (>= 'ぁ' and <= 'ゖ') or 'ゝ' or 'ゞ' or 'ー');

    /// <summary>The first character that is not allowed in katakana furigana, or null when there is none.</summary>
    public static char? FirstNonKatakana(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
            if (!(c is (>= 'ァ' and <= 'ヶ') or 'ー' or ' ' or '\u3000')) return c;
        return null;
    }

    private static bool IsSpaced(ReadOnlySpan<char> value, Func<char, bool> allowed)
    {
        if (value.IsEmpty) return false;
        var previousWasSpace = true; // forbids a leading space
        foreach (var c in value)
        {
            var isSpace = c is ' ' or '\u3000';
            if (isSpace)
            {
                if (previousWasSpace) return false;
            }
            else if (!allowed(c)) return false;
            previousWasSpace = isSpace;
        }
        return !previousWasSpace;
    }
}
