namespace ProcedureForms.Rendering.Pdf;

/// <summary>
/// The stream Skia writes through. Skia calls back into managed code from native code; an exception thrown there (disk
/// full, a read-only or throwing host stream) cannot unwind through the native frames and aborted the whole process.
/// This stream keeps the first failure, ignores later writes, and lets the writer throw it once Skia has returned.
/// </summary>
internal sealed class FaultCatchingStream(Stream output) : Stream
{
    /// <summary>The first exception the output threw, or null.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Throws the kept failure as an <see cref="IOException"/> (the caller's contract for a failed write).</summary>
    public void ThrowIfFaulted()
    {
        if (Fault is IOException io) throw new IOException($"Writing the PDF failed: {io.Message}", io);
        if (Fault is not null) throw new IOException($"Writing the PDF failed: the output stream threw {Fault.GetType().Name}.", Fault);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    private long _written;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // Counted even after a fault: Skia asks how much it wrote (Position), and that must keep moving forward.
        _written += buffer.Length;
        if (Fault is not null) return;
        try
        {
            output.Write(buffer);
        }
        catch (Exception e) // every kind: none may reach the native caller
        {
            Fault = e;
        }
    }

    public override void Flush()
    {
        if (Fault is not null) return;
        try
        {
            output.Flush();
        }
        catch (Exception e)
        {
            Fault = e;
        }
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    // Skia's bytesWritten callback reads Position; no getter here may throw (see the class summary).
    public override long Position { get => _written; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
