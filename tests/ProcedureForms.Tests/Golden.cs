using System.Diagnostics;
using SkiaSharp;

namespace ProcedureForms.Tests;

/// <summary>
/// Golden-file comparison. On a mismatch the actual file is written beside the golden one (name.actual.ext) and the
/// test fails; set UPDATE_GOLDEN=1 to accept the actual files as the new goldens.
/// </summary>
internal static class Golden
{
    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void AssertText(string goldenPath, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        if (Update) File.WriteAllText(goldenPath, actual);
        var expected = File.Exists(goldenPath) ? File.ReadAllText(goldenPath).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(ActualPath(goldenPath));
            return;
        }
        File.WriteAllText(ActualPath(goldenPath), actual);
        Assert.Fail(expected is null
            ? $"No golden file {goldenPath}; the actual output is beside it. Review it, then run with UPDATE_GOLDEN=1."
            : $"{Path.GetFileName(goldenPath)} differs from the golden file; the actual output is in {ActualPath(goldenPath)}.");
    }

    /// <summary>Compares PNG pages within tolerances: at most 8 per channel, differing pixels at most 0.05% (QuestPDF's visual tests).</summary>
    public static void AssertPng(string goldenPath, byte[] actual, int channelTolerance = 8, double pixelFraction = 0.0005)
    {
        if (Update) File.WriteAllBytes(goldenPath, actual);
        if (!File.Exists(goldenPath))
        {
            File.WriteAllBytes(ActualPath(goldenPath), actual);
            Assert.Fail($"No golden image {goldenPath}; the actual image is beside it. Review it, then run with UPDATE_GOLDEN=1.");
        }
        using var expectedBitmap = SKBitmap.Decode(goldenPath);
        using var actualBitmap = SKBitmap.Decode(actual);
        var problem = Compare(expectedBitmap, actualBitmap, channelTolerance, pixelFraction);
        if (problem is null)
        {
            File.Delete(ActualPath(goldenPath));
            return;
        }
        File.WriteAllBytes(ActualPath(goldenPath), actual);
        Assert.Fail($"{Path.GetFileName(goldenPath)}: {problem}; the actual image is in {ActualPath(goldenPath)}.");
    }

    internal static string? Compare(SKBitmap expected, SKBitmap actual, int channelTolerance, double pixelFraction)
    {
        if (expected.Width != actual.Width || expected.Height != actual.Height)
            return $"size {actual.Width}x{actual.Height} instead of {expected.Width}x{expected.Height}";
        long differing = 0;
        for (var y = 0; y < expected.Height; y++)
            for (var x = 0; x < expected.Width; x++)
            {
                var a = expected.GetPixel(x, y);
                var b = actual.GetPixel(x, y);
                if (Math.Abs(a.Red - b.Red) > channelTolerance || Math.Abs(a.Green - b.Green) > channelTolerance ||
                    Math.Abs(a.Blue - b.Blue) > channelTolerance || Math.Abs(a.Alpha - b.Alpha) > channelTolerance)
                    differing++;
            }
        var allowed = (long)Math.Floor(expected.Width * (long)expected.Height * pixelFraction);
        return differing <= allowed ? null : $"{differing} pixels differ (at most {allowed} may)";
    }

    private static string ActualPath(string goldenPath) =>
        Path.Combine(Path.GetDirectoryName(goldenPath)!, Path.GetFileNameWithoutExtension(goldenPath) + ".actual" + Path.GetExtension(goldenPath));
}

/// <summary>Runs poppler and qpdf, which .ci/run installs.</summary>
internal static class Tools
{
    /// <summary>Debian packages of the external tools tests use; a missing one skips the test with its install line.</summary>
    private static readonly Dictionary<string, string> Packages = new()
    {
        ["pdftoppm"] = "poppler-utils", ["pdffonts"] = "poppler-utils", ["pdftotext"] = "poppler-utils", ["pdfinfo"] = "poppler-utils", ["qpdf"] = "qpdf",
    };

    public static (int ExitCode, string Output) Run(string tool, params string[] args)
    {
        if (Packages.TryGetValue(tool, out var package) && !OnPath(tool))
        {
            // On a developer's machine a missing tool skips the test with the line to install it; in CI, whose script
            // installs it, a missing tool is a broken script and fails.
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail($"{tool} is not installed although CI=true: .ci/run must apt-get install {package}.");
            Skip.If(true, $"{tool} is not installed: apt-get install {package} (or run .ci/run)");
        }
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) throw new TimeoutException($"{tool} did not finish.");
        return (process.ExitCode, output.Result + error.Result);
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));

    /// <summary>Asserts that qpdf finds no syntax or stream error in <paramref name="pdf"/>.</summary>
    public static void AssertQpdfClean(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, pdf);
        try
        {
            var (code, check) = Run("qpdf", "--check", path);
            Assert.True(code == 0, check);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Page images of a PDF at <paramref name="dpi"/>, via pdftoppm.</summary>
    public static IReadOnlyList<byte[]> Rasterize(byte[] pdf, int dpi)
    {
        var folder = Directory.CreateTempSubdirectory("procforms-png-").FullName;
        try
        {
            var input = Path.Combine(folder, "in.pdf");
            File.WriteAllBytes(input, pdf);
            var (code, output) = Run("pdftoppm", "-r", dpi.ToString(), "-png", input, Path.Combine(folder, "page"));
            Assert.True(code == 0, $"pdftoppm failed: {output}");
            return Directory.GetFiles(folder, "page*.png").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
