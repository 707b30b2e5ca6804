using System.IO.Compression;
using System.Text;
using ProcedureForms.Templates;

namespace ProcedureForms.Tests.Templates;

/// <summary>
/// Regressions from the review of template reading: files that crashed, stalled or misread before (Fixtures/Hostile/,
/// made with a small script of raw PDF syntax; the larger ones are made here).
/// </summary>
public sealed class HostileTemplateTests
{
    private static readonly string Hostile = Path.Combine(TemplatePdfTests.Fixtures, "Hostile");

    private static TemplatePdf Read(string name) => TemplatePdf.FromFile(Path.Combine(Hostile, name));

    [Theory]
    [InlineData("kidscycle.pdf")] // /Pages lists itself among its /Kids: the parser recursed until the process died
    [InlineData("kidscycle2.pdf")] // a loop two levels down
    public void A_page_tree_that_loops_is_refused_instead_of_ending_the_process(string file) =>
        Assert.Contains("page tree loops", Assert.Throws<TemplateException>(() => Read(file)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_page_tree_deeper_than_any_form_is_refused()
    {
        var objects = new List<string> { "<< /Type /Catalog /Pages 2 0 R >>" };
        for (var i = 0; i < 5000; i++) objects.Add($"<< /Type /Pages /Kids [{i + 3} 0 R] /Count 1 >>");
        objects.Add("<< /Type /Page /MediaBox [0 0 595 842] >>");
        Assert.Contains("levels deep", Assert.Throws<TemplateException>(() => TemplatePdf.FromBytes(Pdf(objects), "deep.pdf")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_ending_in_stream_does_not_hide_nesting_from_the_scan()
    {
        Assert.Contains("MaxNesting", Assert.Throws<TemplateException>(() => Read("d100x.pdf")).Message, StringComparison.Ordinal);
        var deep = Pdf(["<< /Type /Catalog /Pages 2 0 R /Skip /xstream /A " + new string('[', 200_000) + new string(']', 200_000) + " >>"]);
        Assert.Contains("MaxNesting", Assert.Throws<TemplateException>(() => TemplatePdf.FromBytes(deep, "xstream.pdf")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chained_and_abbreviated_filters_are_expanded_within_the_budget()
    {
        Assert.Contains("MaxExpandedBytes", Assert.Throws<TemplateException>(() => Read("b2.pdf")).Message, StringComparison.Ordinal); // [/FlateDecode /FlateDecode]
        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++) zlib.Write(zeros);
        }
        var bomb = Pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"],
            ("/Filter /Fl", deflated.ToArray()));
        Assert.Contains("MaxExpandedBytes", Assert.Throws<TemplateException>(() => TemplatePdf.FromBytes(bomb, "fl.pdf", new TemplateLimits { MaxExpandedBytes = 32 * 1024 * 1024 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_content_stream_in_ASCII85_over_deflate_is_read_within_the_budget()
    {
        // Older producers wrap deflated content in ASCII85: legitimate, and larger than the 64 KB allowed for other filters.
        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            var random = new Random(1);
            zlib.Write(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 20000).Select(_ => $"{random.Next(600)} {random.Next(800)} m {random.Next(600)} {random.Next(800)} l S\n"))));
        }
        var a85 = Ascii85(deflated.ToArray());
        var pdf = Pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"],
            ("/Filter [/ASCII85Decode /FlateDecode]", a85));
        Assert.True(a85.Length > 64 * 1024);
        Assert.Single(TemplatePdf.FromBytes(pdf, "a85.pdf").Pages);
        Assert.Contains("MaxExpandedBytes", Assert.Throws<TemplateException>(() => TemplatePdf.FromBytes(pdf, "a85.pdf", new TemplateLimits { MaxExpandedBytes = 100_000 })).Message, StringComparison.Ordinal);
    }

    private static byte[] Ascii85(byte[] data)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < data.Length; i += 4)
        {
            var n = Math.Min(4, data.Length - i);
            uint value = 0;
            for (var k = 0; k < 4; k++) value = (value << 8) | (k < n ? data[i + k] : 0u);
            if (value == 0 && n == 4)
            {
                sb.Append('z');
                continue;
            }
            var digits = new char[5];
            for (var k = 4; k >= 0; k--)
            {
                digits[k] = (char)('!' + value % 85);
                value /= 85;
            }
            sb.Append(digits, 0, n + 1);
        }
        return Encoding.ASCII.GetBytes(sb.Append("~>").ToString());
    }

    [Fact]
    public void Page_boxes_are_read_whatever_the_paper_and_wherever_they_are_inherited_from()
    {
        var a3 = Read("a3f.pdf");
        Assert.Equal((297.0, 420.0), (Math.Round(a3.Pages[0].WidthMm), Math.Round(a3.Pages[0].HeightMm)));
        var field = Assert.Single(a3.Fields);
        Assert.InRange(field.YMm, 0, 420);
        Assert.InRange(field.XMm + field.WidthMm, 0, 297.1);
        // The page tree's MediaBox (300 x 400 pt), not A4; and the page tree's CropBox.
        Assert.Equal((105.8, 141.1), (Math.Round(Read("parent.pdf").Pages[0].WidthMm, 1), Math.Round(Read("parent.pdf").Pages[0].HeightMm, 1)));
        Assert.Equal((67.0, 102.3), (Math.Round(Read("pcrop.pdf").Pages[0].WidthMm, 1), Math.Round(Read("pcrop.pdf").Pages[0].HeightMm, 1)));
    }

    [Fact]
    public void Numbers_beyond_any_page_read_as_finite_and_print_as_valid_syntax()
    {
        var template = Read("huge-rect.pdf");
        Assert.All(template.Fields, f => Assert.True(double.IsFinite(f.XMm) && double.IsFinite(f.WidthMm) && double.IsFinite(f.YMm)));
        Assert.DoesNotContain("NaN", template.ToJson(), StringComparison.Ordinal);
        using var grid = new MemoryStream();
        TemplateTools.Grid(Read("nan-annot.pdf"), grid);
        var text = Encoding.Latin1.GetString(grid.ToArray());
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Resource_names_with_a_hash_or_non_ASCII_are_written_so_the_page_still_finds_them()
    {
        using var grid = new MemoryStream();
        TemplateTools.Grid(Read("names.pdf"), grid);
        var text = Encoding.Latin1.GetString(grid.ToArray());
        // The page draws /X#E3#81#82, /Y#2341 and /Z#20sp: its resources must carry the same names, escaped the same way.
        Assert.Contains("/Y#2341", text, StringComparison.Ordinal);
        Assert.Contains("/X#E3#81#82", text, StringComparison.Ordinal);
        Assert.Contains("/Z#20sp", text, StringComparison.Ordinal);
    }

    /// <summary>A PDF of <paramref name="objects"/>, numbered from 1, with an optional stream as the next object.</summary>
    private static byte[] Pdf(List<string> objects, (string Dictionary, byte[] Data)? stream = null)
    {
        var output = new MemoryStream();
        void Write(string text) => output.Write(Encoding.Latin1.GetBytes(text));
        Write("%PDF-1.7\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        if (stream is { } s)
        {
            offsets.Add(output.Position);
            Write($"{objects.Count + 1} 0 obj\n<< {s.Dictionary} /Length {s.Data.Length} >>\nstream\n");
            output.Write(s.Data);
            Write("\nendstream\nendobj\n");
        }
        var xref = output.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) Write($"{offset:D10} 00000 n \n");
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }
}
