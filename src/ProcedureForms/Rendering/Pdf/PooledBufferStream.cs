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
        if (_length + buffer.Length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + buffer.Length));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer, clearArray: true); // the PDF holds submitted data
            _buffer = larger;
        }
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer, clearArray: true); // the PDF holds submitted data
            _buffer = [];
        }
        base.Dispose(disposing);
    }
}
