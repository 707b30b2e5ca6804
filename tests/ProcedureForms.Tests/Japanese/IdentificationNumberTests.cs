using CsCheck;
using ProcedureForms.Japanese;

namespace ProcedureForms.Tests.Japanese;

public sealed class IdentificationNumberTests
{
    [Fact]
    public void MyNumber_check_digit_of_the_domain_example_is_8() =>
        Assert.Equal(8, MyNumber.ComputeCheckDigit("12345678901"));

    [Theory]
    [InlineData("123456789018", NumberCheck.Valid)]
    [InlineData("987654321000", NumberCheck.Valid)]
    [InlineData("123456789019", NumberCheck.CheckDigit)]
    [InlineData("12345678901", NumberCheck.Shape)]
    [InlineData("1234567890188", NumberCheck.Shape)]
    [InlineData("１２３４５６７８９０１８", NumberCheck.Shape)] // full-width digits: normalise first
    [InlineData("1234-5678-9018", NumberCheck.Shape)]
    [InlineData("", NumberCheck.Shape)]
    public void MyNumber_check(string value, NumberCheck expected) => Assert.Equal(expected, MyNumber.Check(value));

    [Fact]
    public void MyNumber_every_11_digits_with_their_computed_check_digit_are_valid_and_no_other_last_digit_is() =>
        Gen.String[Gen.Char['0', '9'], 11, 11].Sample(first11 =>
        {
            var check = MyNumber.ComputeCheckDigit(first11);
            for (var d = 0; d <= 9; d++)
                Assert.Equal(d == check, MyNumber.IsValid(first11 + d));
        });

    [Theory]
    [InlineData("7000012050002", NumberCheck.Valid)] // 国税庁
    [InlineData("8000012050002", NumberCheck.CheckDigit)]
    [InlineData("700001205000", NumberCheck.Shape)]
    [InlineData("700001205000A", NumberCheck.Shape)]
    public void CorporateNumber_check(string value, NumberCheck expected) => Assert.Equal(expected, CorporateNumber.Check(value));

    [Fact]
    public void CorporateNumber_check_digit_of_the_national_tax_agency_is_7() =>
        Assert.Equal(7, CorporateNumber.ComputeCheckDigit("000012050002"));

    [Fact]
    public void CorporateNumber_every_base_with_its_computed_check_digit_is_valid_and_no_other_first_digit_is() =>
        Gen.String[Gen.Char['0', '9'], 12, 12].Sample(base12 =>
        {
            var check = CorporateNumber.ComputeCheckDigit(base12);
            for (var d = 0; d <= 9; d++)
                Assert.Equal(d == check, CorporateNumber.IsValid(d + base12));
        });

    [Theory]
    [InlineData("173-8501", true)]
    [InlineData("1738501", true)]
    [InlineData("1738-501", false)]
    [InlineData("173-85012", false)]
    [InlineData("１７３-８５０１", false)]
    [InlineData("173 8501", false)]
    public void PostalCode_accepts_with_or_without_hyphen(string value, bool valid) => Assert.Equal(valid, PostalCode.IsValid(value));

    [Fact]
    public void PostalCode_formats_with_hyphen() => Assert.Equal("173-8501", PostalCode.Format("1738501"));

    [Theory]
    [InlineData("0001", "000", "0000001", true)]
    [InlineData("001", "000", "0000001", false)]
    [InlineData("0001", "0000", "0000001", false)]
    [InlineData("0001", "000", "000001", false)]
    public void Bank_codes_keep_their_leading_zeros(string bank, string branch, string account, bool valid) =>
        Assert.Equal(valid, BankAccount.IsBankCode(bank) && BankAccount.IsBranchCode(branch) && BankAccount.IsAccountNumber(account));
}
