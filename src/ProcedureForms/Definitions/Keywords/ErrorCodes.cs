namespace ProcedureForms.Definitions.Keywords;

/// <summary>Machine-readable reasons our keywords and formats attach to a failed evaluation; the message layer words them.</summary>
internal static class ErrorCodes
{
    public const string Prefix = "procforms:";
    public const string RegexTimeout = Prefix + "regex-timeout";
    public const string RegexBudget = Prefix + "regex-budget";
    public const string Shape = Prefix + "shape";
    public const string CheckDigit = Prefix + "check-digit";
    public const string NoSuchDate = Prefix + "no-such-date";
    public const string DateOrder = Prefix + "date-order";
    public const string AgeRange = Prefix + "age-range";
}
