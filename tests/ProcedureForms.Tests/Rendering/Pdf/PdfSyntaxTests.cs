using ProcedureForms.Rendering.Pdf;

namespace ProcedureForms.Tests.Rendering.Pdf;

public sealed class PdfSyntaxTests
{
    /// <summary>The values as Skia's PDF backend wrote them (read from its files): golden pages were rendered from these.</summary>
    [Theory]
    [InlineData(122.56, "122.559998")]
    [InlineData(235.05, "235.05")]
    [InlineData(58.54, "58.540001")]
    [InlineData(174.71, "174.71001")]
    [InlineData(290.0390625, "290.03906")]
    [InlineData(0.6, "0.60000002")]
    [InlineData(1.3, "1.29999995")]
    [InlineData(842, "842")]
    [InlineData(-120.1171875, "-120.117188")]
    [InlineData(0, "0")]
    [InlineData(1e-9, "0")]
    [InlineData(20000, "20000")]
    public void Single_precision_numbers_are_written_as_Skia_wrote_them(double value, string expected) =>
        Assert.Equal(expected, PdfSyntax.Single(value));

    [Fact]
    public void Every_single_written_reads_back_as_the_same_single()
    {
        var random = new Random(17);
        for (var i = 0; i < 20000; i++)
        {
            var value = (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-4, 5));
            var text = PdfSyntax.Single(value);
            Assert.DoesNotContain("E", text, StringComparison.OrdinalIgnoreCase);
            if (Math.Abs(value) >= 1e-6) Assert.Equal((float)value, float.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("ProcedureForms", "(ProcedureForms)")]
    [InlineData("a(b)\\", "(a\\(b\\)\\\\)")]
    [InlineData("届", "<FEFF5C4A>")]
    public void Text_strings_are_literal_for_ASCII_and_UTF16_otherwise(string text, string expected) =>
        Assert.Equal(expected, PdfSyntax.Text(text));
}
