using ProcedureForms.Definitions;
using ProcedureForms.Rendering;

namespace ProcedureForms.Tests.Hostile;

/// <summary>
/// Regression: a write error on the output stream (disk full, a throwing host stream) was thrown through Skia's native
/// callback and aborted the process. This test process surviving is half the assertion.
/// </summary>
public sealed class OutputStreamFailureTests
{
    private static readonly ProcedureForm Form = ProcedureForm.FromFile(Forms.ChildAllowancePath);

    /// <summary>Accepts <paramref name="budget"/> bytes, then throws what a host stream might.</summary>
    private sealed class FailingStream(int budget, Exception failure) : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > budget) throw failure;
            base.Write(buffer, offset, count);
        }
    }

    public static TheoryData<int, string> Failures => new()
    {
        { 0, "io" }, { 5_000, "io" }, { 20_000, "invalid" }, { 40_000, "disposed" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failing_output_stream_is_an_IOException_for_the_caller(int budget, string kind)
    {
        Exception failure = kind switch
        {
            "io" => new IOException("No space left on device"),
            "invalid" => new InvalidOperationException("the response has completed"),
            _ => new ObjectDisposedException("response body"),
        };
        foreach (var pdfa in (bool[])[false, true])
        {
            using var output = new FailingStream(budget, failure);
            var e = Assert.Throws<IOException>(() => FormRenderer.Render(Form, null, output, new RenderOptions { PdfA = pdfa }));
            Assert.Same(failure, e.InnerException);
            Assert.StartsWith("Writing the PDF failed", e.Message);
        }
        Assert.NotEmpty(FormRenderer.Render(Form, null)); // and the renderer still works
    }

    [SkippableFact]
    public void A_full_disk_is_an_IOException()
    {
        Skip.IfNot(File.Exists("/dev/full"), "Needs /dev/full (Linux) to simulate a full disk.");
        using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        Assert.Throws<IOException>(() => FormRenderer.Render(Form, null, full));
    }

    [Fact]
    public void A_stream_that_cannot_be_written_is_an_argument_error()
    {
        using var readOnly = new MemoryStream([1, 2, 3], writable: false);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => FormRenderer.Render(Form, null, readOnly)).ParamName);
    }
}
