namespace ProcedureForms.Japanese;

/// <summary>Japanese bank transfer numbers (全銀協 codes): bank 4 digits, branch 3, account 7; leading zeros are kept.</summary>
public static class BankAccount
{
    /// <summary>Digits in a 金融機関コード.</summary>
    public const int BankCodeLength = 4;
    /// <summary>Digits in a 店舗コード.</summary>
    public const int BranchCodeLength = 3;
    /// <summary>Digits in a 口座番号.</summary>
    public const int AccountNumberLength = 7;

    /// <summary>True for a 4-digit 金融機関コード.</summary>
    public static bool IsBankCode(ReadOnlySpan<char> value) => value.Length == BankCodeLength && Digits.AreAscii(value);

    /// <summary>True for a 3-digit 店舗コード.</summary>
    public static bool IsBranchCode(ReadOnlySpan<char> value) => value.Length == BranchCodeLength && Digits.AreAscii(value);

    /// <summary>True for a 7-digit 口座番号.</summary>
    public static bool IsAccountNumber(ReadOnlySpan<char> value) => value.Length == AccountNumberLength && Digits.AreAscii(value);
}
