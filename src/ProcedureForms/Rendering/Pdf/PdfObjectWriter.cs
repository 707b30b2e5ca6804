using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace ProcedureForms.Rendering.Pdf;

/// <summary>
/// Writes a PDF file front to back: numbered objects, then a cross-reference stream naming the root. Objects may be
/// numbered before they are written (a page names its parent before the page tree is known), so the whole file streams
/// out with only one entry a object kept. Dictionaries without data (pages, fonts, fields, and the structure a tagged
/// PDF adds by the thousand) go into compressed object streams, a thousand at a time; streams stand on their own.
/// Everything written is hashed, so the file's id (and PDF/A's document id) is derived from its content: the same
/// input gives the same bytes in any process.
/// </summary>
internal sealed class PdfObjectWriter : IDisposable
{
    private readonly Stream _output;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    // By object number: where it starts; 0 is the free list's head; -1 reserved, -2 waiting to be packed, and at most
    // -3 packed (see Packed).
    private readonly List<long> _offsets = new(512) { 0 };
    private readonly List<(int Number, int Offset)> _packing = new(256); // dictionaries waiting for their object stream
    private readonly ArrayBufferWriter<byte> _packingBodies = new(8 * 1024); // their bodies, one after another
    private readonly ArrayBufferWriter<byte> _packingHead = new(8 * 1024);
    private readonly MemoryStream _packedStream = new();

    // Objects an object stream holds: a merged print's structure elements compress 2 % better a thousand at a time than a
    // hundred, and the waiting ones stay small (their bodies, about 40 KB).
    private const int PackedPerStream = 1000;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _used;
    private long _flushed;

    private const int BufferSize = 32 * 1024;

    /// <summary>Starts a PDF 1.7 file (the base of PDF/A-2) on <paramref name="output"/>, which stays open.</summary>
    public PdfObjectWriter(Stream output)
    {
        _output = output;
        // The second line's high bytes tell transfer tools the file is binary.
        Raw("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8);
    }

    /// <summary>The bytes written so far.</summary>
    public long Position => _flushed + _used;

    /// <summary>A new object number, to write later with <see cref="Begin"/>.</summary>
    public int Reserve()
    {
        _offsets.Add(-1);
        return _offsets.Count - 1;
    }

    /// <summary>Starts object <paramref name="number"/>; its body follows, then <see cref="End"/>.</summary>
    public void Begin(int number)
    {
        if (_offsets[number] != -1) throw new InvalidOperationException($"PDF object {number} was written twice.");
        _offsets[number] = Position;
        Number(number);
        Raw(" 0 obj\n"u8);
    }

    /// <summary>Ends the object begun last.</summary>
    public void End() => Raw("\nendobj\n"u8);

    /// <summary>Writes a whole object whose body is <paramref name="body"/>, and returns its number.</summary>
    public int Object(string body)
    {
        var number = Reserve();
        Object(number, body);
        return number;
    }

    /// <summary>Writes the reserved object <paramref name="number"/> with <paramref name="body"/> (a dictionary or any non-stream object), packed into an object stream.</summary>
    public void Object(int number, string body)
    {
        var room = Packing(number, body.Length);
        Encoding.ASCII.GetBytes(body, room);
        Packed(body.Length);
    }

    /// <summary>Writes the reserved object <paramref name="number"/> with <paramref name="body"/> (PDF syntax), packed into an object stream.</summary>
    public void Object(int number, ReadOnlySpan<byte> body)
    {
        body.CopyTo(Packing(number, body.Length));
        Packed(body.Length);
    }

    private Span<byte> Packing(int number, int length)
    {
        if (_offsets[number] != -1) throw new InvalidOperationException($"PDF object {number} was written twice.");
        _offsets[number] = -2;
        _packing.Add((number, _packingBodies.WrittenCount));
        return _packingBodies.GetSpan(length + 1);
    }

    private void Packed(int length)
    {
        _packingBodies.GetSpan(length + 1)[length] = (byte)'\n';
        _packingBodies.Advance(length + 1);
        if (_packing.Count >= PackedPerStream) Pack();
    }

    /// <summary>Writes the waiting dictionaries as one deflated object stream.</summary>
    private void Pack()
    {
        if (_packing.Count == 0) return;
        _packingHead.ResetWrittenCount();
        foreach (var (number, offset) in _packing)
        {
            Utf8Formatter.TryFormat(number, _packingHead.GetSpan(12), out var written);
            _packingHead.GetSpan(written + 1)[written] = (byte)' ';
            _packingHead.Advance(written + 1);
            Utf8Formatter.TryFormat(offset, _packingHead.GetSpan(12), out written);
            _packingHead.GetSpan(written + 1)[written] = (byte)' ';
            _packingHead.Advance(written + 1);
        }
        var stream = Reserve();
        for (var i = 0; i < _packing.Count; i++) _offsets[_packing[i].Number] = -3 - (((long)stream << 20) | (uint)i);
        var count = _packing.Count;
        _packing.Clear();
        // Level 3, as page content: at level 6 a merged print's structure is 1 % smaller and takes a tenth longer to write.
        _packedStream.SetLength(0);
        using (var zlib = new ZLibStream(_packedStream, new ZLibCompressionOptions { CompressionLevel = PerDocument }, leaveOpen: true))
        {
            zlib.Write(_packingHead.WrittenSpan);
            zlib.Write(_packingBodies.WrittenSpan);
        }
        _packingBodies.Clear(); // field values (a widget's /V) are among them
        Stream(stream, $"/Type/ObjStm/N {count}/First {_packingHead.WrittenCount}", _packedStream.GetBuffer().AsSpan(0, (int)_packedStream.Length), deflated: true);
    }

    /// <summary>
    /// Writes the reserved object <paramref name="number"/> as a stream: <paramref name="dictionary"/> holds the entries
    /// besides /Length (and /Filter, which <paramref name="deflated"/> adds), <paramref name="data"/> the bytes as stored.
    /// </summary>
    public void Stream(int number, string dictionary, ReadOnlySpan<byte> data, bool deflated)
    {
        Begin(number);
        Raw("<<"u8);
        Ascii(dictionary);
        if (deflated) Raw("/Filter/FlateDecode"u8);
        Raw("/Length "u8);
        Number(data.Length);
        Raw(">>\nstream\n"u8);
        Raw(data);
        Raw("\nendstream"u8);
        End();
    }

    /// <summary>Writes a stream object of its own, and returns its number.</summary>
    public int Stream(string dictionary, ReadOnlySpan<byte> data, bool deflated)
    {
        var number = Reserve();
        Stream(number, dictionary, data, deflated);
        return number;
    }

    /// <summary>The SHA-256 of everything written so far (the file's content, for ids derived from it).</summary>
    public byte[] ContentHash()
    {
        Pack();
        Flush();
        return _hash.GetCurrentHash();
    }

    /// <summary>Ends the file: the cross-reference stream, naming <paramref name="root"/> and <paramref name="info"/>.</summary>
    public void Finish(int root, int info, ReadOnlySpan<byte> id)
    {
        Pack();
        var xref = Reserve();
        for (var i = 1; i < _offsets.Count; i++)
            if (_offsets[i] == -1 && i != xref) throw new InvalidOperationException($"PDF object {i} was numbered but never written.");
        var start = Position; // where Begin(xref) will put it
        // Each entry: type (0 free, 1 at an offset, 2 in an object stream), then 5 and 2 bytes.
        var entries = new byte[_offsets.Count * 8];
        for (var i = 0; i < _offsets.Count; i++)
        {
            var entry = entries.AsSpan(i * 8, 8);
            if (i == 0)
            {
                entry[0] = 0;
                entry[6] = 0xFF;
                entry[7] = 0xFF;
            }
            else if (_offsets[i] <= -3)
            {
                var place = -3 - _offsets[i];
                entry[0] = 2;
                Put(entry[1..6], place >> 20);
                Put(entry[6..8], place & 0xFFFFF);
            }
            else
            {
                entry[0] = 1;
                Put(entry[1..6], i == xref ? start : _offsets[i]);
            }
        }
        var hex = Convert.ToHexString(id);
        // PNG "Up" rows before deflating: each entry minus the one above it, mostly zeros in a run of packed objects.
        var predicted = new byte[_offsets.Count * 9];
        for (var i = 0; i < _offsets.Count; i++)
        {
            predicted[i * 9] = 2;
            for (var b = 0; b < 8; b++)
                predicted[i * 9 + 1 + b] = (byte)(entries[i * 8 + b] - (i > 0 ? entries[(i - 1) * 8 + b] : 0));
        }
        var data = Deflate(predicted, Once);
        Begin(xref);
        Ascii($"<</Type/XRef/Size {_offsets.Count}/W[1 5 2]/Root {root} 0 R/Info {info} 0 R/ID[<{hex}><{hex}>]/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 8>>/Length {data.Length}>>\nstream\n");
        Raw(data);
        Raw("\nendstream"u8);
        End();
        Raw("startxref\n"u8);
        Number(start);
        Raw("\n%%EOF\n"u8);
        Flush();
    }

    private static void Put(Span<byte> field, long value)
    {
        for (var i = field.Length - 1; i >= 0; i--, value >>= 8) field[i] = (byte)value;
    }

    /// <summary>Bytes as they are.</summary>
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        if (_used + bytes.Length > _buffer.Length)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                _hash.AppendData(bytes);
                _flushed += bytes.Length;
                WriteOut(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    /// <summary>Text of the PDF's own syntax (ASCII only: names, numbers, operators, hex strings).</summary>
    public void Ascii(string text)
    {
        if (text.Length > _buffer.Length - _used) Flush();
        if (text.Length > _buffer.Length)
        {
            Raw(Encoding.ASCII.GetBytes(text));
            return;
        }
        _used += Encoding.ASCII.GetBytes(text, _buffer.AsSpan(_used));
    }

    /// <summary>An integer.</summary>
    public void Number(long value)
    {
        if (_buffer.Length - _used < 20) Flush();
        value.TryFormat(_buffer.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
        _used += written;
    }

    private void Flush()
    {
        if (_used == 0) return;
        _hash.AppendData(_buffer, 0, _used);
        _flushed += _used;
        WriteOut(_buffer.AsSpan(0, _used));
        _used = 0;
    }

    // Failures of the caller's stream are IOExceptions whatever the stream threw (the contract callers catch).
    private void WriteOut(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _output.Write(bytes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw FormRenderer.WriteFailed(e);
        }
    }

    public void Dispose()
    {
        _hash.Dispose();
        // Field values (a widget's /V) pass through these: cleared, not just dropped.
        _packingBodies.Clear();
        _packedStream.SetLength(0);
        Array.Clear(_packedStream.GetBuffer());
        _packedStream.Dispose();
        if (_buffer.Length == 0) return;
        // The buffer held a resident's values: cleared before it goes back to the shared pool.
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        _buffer = [];
    }

    /// <summary>
    /// Deflates <paramref name="data"/> (zlib, as /FlateDecode reads it). Level 3 for what every document writes anew
    /// (a page's content: a third of level 6's time for 15% more bytes); level 6 for what a form writes once.
    /// </summary>
    public static byte[] Deflate(ReadOnlySpan<byte> data, int level = PerDocument)
    {
        using var output = new MemoryStream(data.Length / 3 + 64);
        using (var zlib = new ZLibStream(output, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true)) zlib.Write(data);
        return output.ToArray();
    }

    /// <summary>The deflate level of streams each document writes.</summary>
    public const int PerDocument = 3;

    /// <summary>The deflate level of streams made once and reused (a form's font subset).</summary>
    public const int Once = 6;
}

/// <summary>How values are spelled in PDF syntax.</summary>
internal static class PdfSyntax
{
    /// <summary>A real number with at most three decimals, no exponent and no "-0" (PDF has no exponent form).</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value)) return "0"; // PDF has no NaN or infinity
        var rounded = Math.Round(value, 3);
        if (rounded == 0) return "0";
        return rounded.ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A number at single precision, written with the fewest of nine (or eight) significant digits that give the same
    /// single back: how Skia wrote every coordinate. Golden pages were rendered from those exact values, and a
    /// rasterizer snaps glyphs to pixel fractions, where a millionth of a point can decide a snap.
    /// </summary>
    public static string Single(double value)
    {
        Span<byte> text = stackalloc byte[24];
        return Encoding.ASCII.GetString(text[..Single(value, text)]);
    }

    /// <summary><see cref="Single(double)"/> into <paramref name="output"/> (24 bytes hold any coordinate); the length written.</summary>
    public static int Single(double value, Span<byte> output)
    {
        var single = (float)value;
        if (!float.IsFinite(single) || Math.Abs(single) is < 1e-6f or >= 1e15f) // nothing a page holds: written as 0
        {
            output[0] = (byte)'0';
            return 1;
        }
        var magnitude = Math.Abs((double)single);
        var binaryExponent = Math.ILogB(magnitude) + 1; // frexp's exponent: magnitude = m·2^e, 0.5 ≤ m < 1
        var decimalExponent = (int)Math.Floor(0.3010299956639812 * binaryExponent);
        var shift = decimalExponent - 8;
        var power = -shift is >= 0 and < 23 ? PowersOfTen[-shift] : Math.Pow(10, -shift);
        var digits = (long)(magnitude * power + 0.5);
        if (digits > 167772159) // more digits than 24 bits of precision hold
        {
            shift++;
            digits = (long)(magnitude * (power * 0.1) + 0.5);
        }
        while (digits % 10 == 0)
        {
            digits /= 10;
            shift++;
        }
        Span<byte> figures = stackalloc byte[20];
        digits.TryFormat(figures, out var count, default, CultureInfo.InvariantCulture);
        var length = 0;
        if (single < 0) output[length++] = (byte)'-';
        if (shift >= 0)
        {
            figures[..count].CopyTo(output[length..]);
            length += count;
            output.Slice(length, shift).Fill((byte)'0');
            return length + shift;
        }
        var whole = count + shift;
        if (whole > 0)
        {
            figures[..whole].CopyTo(output[length..]);
            length += whole;
            output[length++] = (byte)'.';
            figures[whole..count].CopyTo(output[length..]);
            return length + count - whole;
        }
        output[length++] = (byte)'0';
        output[length++] = (byte)'.';
        output.Slice(length, -whole).Fill((byte)'0');
        length += -whole;
        figures[..count].CopyTo(output[length..]);
        return length + count;
    }

    // Exact as doubles up to 10^22: the same values Math.Pow gives, without its cost on every coordinate.
    private static readonly double[] PowersOfTen = [.. Enumerable.Range(0, 23).Select(e => Math.Pow(10, e))];

    /// <summary>A text string: ASCII as a literal string, anything else as UTF-16BE with its byte order mark, in hex.</summary>
    public static string Text(string text)
    {
        if (text.All(c => c is >= ' ' and < '\x7F'))
            return "(" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal) + ")";
        return "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text)) + ">";
    }

    /// <summary>A name: characters outside PDF's regular ones (and any non-ASCII, as UTF-8) written as #xx.</summary>
    public static string Name(string name)
    {
        var sb = new StringBuilder("/");
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            if (b is > 0x20 and < 0x7F && "#()<>[]{}/%".IndexOf((char)b, StringComparison.Ordinal) < 0) sb.Append((char)b);
            else sb.Append('#').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>A date as the PDF's Info dictionary writes it, in UTC.</summary>
    public static string Date(DateTime timestamp)
    {
        var utc = timestamp.Kind == DateTimeKind.Local ? timestamp.ToUniversalTime() : timestamp;
        return "(D:" + utc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+00'00')";
    }

    /// <summary>The same date as XMP writes it.</summary>
    public static string XmpDate(DateTime timestamp)
    {
        var utc = timestamp.Kind == DateTimeKind.Local ? timestamp.ToUniversalTime() : timestamp;
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+00:00";
    }
}
