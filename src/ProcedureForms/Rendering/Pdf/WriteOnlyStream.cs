using System.Buffers;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>
/// A stream that is only written to, front to back: what the PDF writers pass their bytes through. Subclasses write and
/// count; Position is what has been written (Skia reads it for its byte offsets).
/// </summary>
internal abstract class WriteOnlyStream : Stream
{
    /// <summary>The bytes written so far.</summary>
    protected abstract long Written { get; }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public abstract override void Write(ReadOnlySpan<byte> buffer);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Written;
    public override long Position { get => Written; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Moves the first <paramref name="used"/> bytes of a pooled buffer into a larger pooled one of at least <paramref name="size"/>.</summary>
    protected static void Grow(ref byte[] buffer, int used, int size)
    {
        var larger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, used).CopyTo(larger);
        Release(ref buffer);
        buffer = larger;
    }

    /// <summary>Gives a pooled buffer back, cleared: what passes through these streams is a PDF holding submitted data.</summary>
    protected static void Release(ref byte[] buffer)
    {
        if (buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        buffer = [];
    }
}
