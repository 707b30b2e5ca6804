using System.Buffers;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>
/// A write-only memory stream on pooled arrays, for rendering to a byte array: the only array a render then allocates for
/// the PDF is the result itself (a MemoryStream allocated its growing buffer as well, 64 KB or more a document).
/// </summary>
internal sealed class PooledBufferStream(int initialCapacity) : WriteOnlyStream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    private int _length;

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    protected override long Written => _length;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        if (_length + buffer.Length > _buffer.Length) Grow(ref _buffer, _length, Math.Max(_buffer.Length * 2, _length + buffer.Length));
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Release(ref _buffer);
        base.Dispose(disposing);
    }
}
