namespace ProcedureForms.Japanese;

/// <summary>個人番号 (My Number): 12 ASCII digits whose last digit is a check digit.</summary>
public static class MyNumber
{
    /// <summary>The number of digits in a 個人番号.</summary>
    public const int Length = 12;

    /// <summary>Computes the check digit for the first 11 digits (行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第8条).</summary>
    /// <param name="first11">Exactly 11 ASCII digits.</param>
    /// <exception cref="ArgumentException">The input is not 11 ASCII digits.</exception>
    public static int ComputeCheckDigit(ReadOnlySpan<char> first11)
    {
        if (first11.Length != Length - 1 || !Digits.AreAscii(first11))
            throw new ArgumentException("Expected exactly 11 ASCII digits.", nameof(first11));
        var sum = 0;
        for (var n = 1; n <= 11; n++)
        {
            var p = first11[11 - n] - '0';
            var q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        var r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    /// <summary>Describes why a value is not a valid 個人番号, or returns <see cref="NumberCheck.Valid"/>.</summary>
    public static NumberCheck Check(ReadOnlySpan<char> value)
    {
        if (value.Length != Length || !Digits.AreAscii(value)) return NumberCheck.Shape;
        return ComputeCheckDigit(value[..11]) == value[11] - '0' ? NumberCheck.Valid : NumberCheck.CheckDigit;
    }

    /// <summary>True when <paramref name="value"/> is 12 ASCII digits with a correct check digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> value) => Check(value) == NumberCheck.Valid;
}

/// <summary>法人番号 (corporate number): 13 ASCII digits whose FIRST digit is the check digit.</summary>
public static class CorporateNumber
{
    /// <summary>The number of digits in a 法人番号.</summary>
    public const int Length = 13;

    /// <summary>Computes the check digit for the 12 base digits (法人番号の指定等に関する省令 第2条).</summary>
    /// <exception cref="ArgumentException">The input is not 12 ASCII digits.</exception>
    public static int ComputeCheckDigit(ReadOnlySpan<char> base12)
    {
        if (base12.Length != Length - 1 || !Digits.AreAscii(base12))
            throw new ArgumentException("Expected exactly 12 ASCII digits.", nameof(base12));
        var sum = 0;
        for (var n = 1; n <= 12; n++)
        {
            var p = base12[12 - n] - '0';
            sum += p * (n % 2 == 1 ? 1 : 2);
        }
        return 9 - sum % 9;
    }

    /// <summary>Describes why a value is not a valid 法人番号, or returns <see cref="NumberCheck.Valid"/>.</summary>
    public static NumberCheck Check(ReadOnlySpan<char> value)
    {
        if (value.Length != Length || !Digits.AreAscii(value)) return NumberCheck.Shape;
        return ComputeCheckDigit(value[1..]) == value[0] - '0' ? NumberCheck.Valid : NumberCheck.CheckDigit;
    }

    /// <summary>True when <paramref name="value"/> is 13 ASCII digits with a correct leading check digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> value) => Check(value) == NumberCheck.Valid;
}

/// <summary>The outcome of checking an identification number.</summary>
public enum NumberCheck
{
    /// <summary>The number is valid.</summary>
    Valid,
    /// <summary>Wrong length or not all ASCII digits.</summary>
    Shape,
    /// <summary>The shape is right but the check digit does not match.</summary>
    CheckDigit,
}

internal static class Digits
{
    public static bool AreAscii(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (c is < '0' or > '9') return false;
        return true;
    }
}
