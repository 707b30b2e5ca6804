namespace ProcedureForms.Japanese;

/// <summary>郵便番号: 7 ASCII digits, written NNN-NNNN; input is accepted with or without the hyphen.</summary>
public static class PostalCode
{
    /// <summary>True for NNN-NNNN or NNNNNNN in ASCII digits.</summary>
    public static bool IsValid(ReadOnlySpan<char> value) => value.Length switch
    {
        7 => Digits.AreAscii(value),
        8 => value[3] == '-' && Digits.AreAscii(value[..3]) && Digits.AreAscii(value[4..]),
        _ => false,
    };

    /// <summary>Formats a valid postal code as NNN-NNNN.</summary>
    /// <exception cref="FormatException">The value is not a postal code.</exception>
    public static string Format(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsValid(value)) throw new FormatException("Not a postal code (NNN-NNNN).");
        return value.Length == 8 ? value : string.Concat(value.AsSpan(0, 3), "-", value.AsSpan(3));
    }

    /// <summary>The 7 digits without the hyphen, for character boxes (3 + 4).</summary>
    /// <exception cref="FormatException">The value is not a postal code.</exception>
    public static string Digits7(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsValid(value)) throw new FormatException("Not a postal code (NNN-NNNN).");
        return value.Replace("-", "", StringComparison.Ordinal);
    }
}
