using System.Buffers;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>
/// Passes everything through to the output and remembers only the last bytes written (where Skia puts the catalog and
/// the trailer), so that a long document streams out with flat memory and can still be given an incremental update.
/// The output is not closed with this stream; disposing it returns its buffer to the pool.
/// </summary>
internal sealed class TailStream(Stream output, int capacity) : WriteOnlyStream
{
    private byte[] _ring = ArrayPool<byte>.Shared.Rent(Math.Min(capacity, 64 * 1024));
    private long _written;

    protected override long Written => _written;

    /// <summary>
    /// The remembered tail and the offset of its first byte in the whole output: the buffer itself while nothing has
    /// been overwritten (a short document, the common case), valid until the next write.
    /// </summary>
    public (ReadOnlyMemory<byte> Tail, long Offset) Tail()
    {
        if (_written <= _ring.Length) return (_ring.AsMemory(0, (int)_written), 0);
        var count = (int)Math.Min(_written, _ring.Length);
        var tail = new byte[count];
        var start = (int)((_written - count) % _ring.Length);
        var first = Math.Min(count, _ring.Length - start);
        Array.Copy(_ring, start, tail, 0, first);
        Array.Copy(_ring, 0, tail, first, count - first);
        return (tail, _written - count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        output.Write(buffer);
        // Grow (up to the capacity) while the ring has not wrapped yet: small documents keep a small buffer.
        while (_written + buffer.Length > _ring.Length && _written <= _ring.Length && _ring.Length < capacity)
            Grow(ref _ring, (int)_written, Math.Min(capacity, _ring.Length * 2));
        var source = buffer.Length > _ring.Length ? buffer[^_ring.Length..] : buffer;
        var position = (int)((_written + buffer.Length - source.Length) % _ring.Length);
        var first = Math.Min(source.Length, _ring.Length - position);
        source[..first].CopyTo(_ring.AsSpan(position));
        source[first..].CopyTo(_ring);
        _written += buffer.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Release(ref _ring);
        base.Dispose(disposing);
    }

    public override void Flush() => output.Flush();
}
