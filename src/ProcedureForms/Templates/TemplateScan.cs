using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace ProcedureForms.Templates;

/// <summary>
/// Checks a template's raw bytes against <see cref="TemplateLimits"/> before any PDF parser sees them. The parser trusts
/// the file: it recurses as deep as arrays nest and as the page tree goes (a loop in /Kids never ends), keeps every
/// object, and expands every stream it reads. So this scan, one forward pass that never looks back, measures nesting,
/// counts objects, expands compressed streams (object streams included, and chains of filters) within a byte budget,
/// and follows the page tree's /Kids for loops and depth. A file it refuses never reaches the parser.
/// </summary>
internal static class TemplateScan
{
    /// <summary>The deepest page tree a template may have (real forms have 1 to 3 levels).</summary>
    private const int MaxPageTreeDepth = 32;

    /// <summary>LZW and run-length streams expand by bounded but large ratios: only small ones are accepted.</summary>
    private const int MaxLzwBytes = 64 * 1024, MaxRunLengthBytes = 1024 * 1024;

    /// <summary>Throws <see cref="TemplateException"/> when <paramref name="pdf"/> breaks a limit or is not a PDF at all.</summary>
    public static void Check(ReadOnlySpan<byte> pdf, string file, TemplateLimits limits)
    {
        if (pdf.Length > limits.MaxBytes)
            throw new TemplateException(file, $"the file is {pdf.Length:N0} bytes, over the limit of {limits.MaxBytes:N0} (TemplateLimits.MaxBytes).");
        if (pdf[..Math.Min(pdf.Length, 1024)].IndexOf("%PDF-"u8) < 0) throw new TemplateException(file, "the file is not a PDF (no %PDF- header).");
        var scan = new Scan(file, limits, encrypted: pdf.IndexOf("/Encrypt"u8) >= 0);
        scan.Run(pdf, objectStream: null);
        if (scan.Objects > limits.MaxObjects)
            throw new TemplateException(file, $"the file holds {scan.Objects:N0} objects, over the limit of {limits.MaxObjects:N0} (TemplateLimits.MaxObjects).");
        scan.CheckPageTree();
    }

    /// <summary>
    /// Expands zlib data, refusing it once it passes <paramref name="budget"/> bytes; returns the bytes (none when
    /// <paramref name="keep"/> is false: they are only counted) and how many there were.
    /// </summary>
    /// <exception cref="TemplateException">The data expands past the budget.</exception>
    /// <exception cref="InvalidDataException">The data is not zlib (unless <paramref name="tolerant"/>: then what came before the damage).</exception>
    internal static (byte[] Bytes, long Length) Inflate(byte[] data, long budget, string file, bool keep = true, bool tolerant = false)
    {
        using var input = new MemoryStream(data);
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = keep ? new MemoryStream() : null;
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                total += read;
                if (total > budget) throw new TemplateException(file, "its compressed streams expand past the limit (TemplateLimits.MaxExpandedBytes).");
                output?.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException) when (tolerant)
        {
            // Damaged data: what came before counts; the parser reports the file in its own words.
        }
        return (output?.ToArray() ?? [], total);
    }

    private sealed class Scan(string file, TemplateLimits limits, bool encrypted)
    {
        private readonly Dictionary<long, List<long>> _kids = [];
        private long _expanded;

        public long Objects { get; private set; }

        /// <summary>Scans PDF syntax; <paramref name="objectStream"/> gives an object stream's (offset, number) pairs.</summary>
        public void Run(ReadOnlySpan<byte> pdf, List<(int Offset, long Number)>? objectStream)
        {
            var depth = 0;
            var dictionaries = new Stack<int>();
            int lastDictionaryStart = -1, lastDictionaryEnd = -1;
            long current = -1;
            var nextObject = 0;
            for (var i = 0; i < pdf.Length; i++)
            {
                if (objectStream is not null)
                    while (nextObject < objectStream.Count && objectStream[nextObject].Offset <= i) current = objectStream[nextObject++].Number;
                var b = pdf[i];
                switch (b)
                {
                    case (byte)'%':
                        while (i < pdf.Length && pdf[i] is not ((byte)'\n' or (byte)'\r')) i++;
                        break;
                    case (byte)'(':
                        i = SkipLiteral(pdf, i);
                        break;
                    case (byte)'<' when i + 1 < pdf.Length && pdf[i + 1] == (byte)'<':
                        depth++;
                        dictionaries.Push(i);
                        i++;
                        break;
                    case (byte)'<':
                        var close = pdf[i..].IndexOf((byte)'>');
                        i = close < 0 ? pdf.Length : i + close;
                        break;
                    case (byte)'>' when i + 1 < pdf.Length && pdf[i + 1] == (byte)'>':
                        depth = Math.Max(0, depth - 1);
                        if (dictionaries.Count > 0) (lastDictionaryStart, lastDictionaryEnd) = (dictionaries.Pop(), i + 2);
                        i++;
                        break;
                    case (byte)'[':
                        depth++;
                        break;
                    case (byte)']':
                        depth = Math.Max(0, depth - 1);
                        break;
                    case (byte)'/' when Keyword(pdf, i, "/Kids"u8):
                        i = ReadKids(pdf, i + 5, current);
                        break;
                    case (byte)'o' when objectStream is null && Keyword(pdf, i, "obj"u8) && ObjectNumber(pdf, i) is { } number:
                        current = number;
                        Objects++;
                        i += 2;
                        break;
                    case (byte)'s' when Keyword(pdf, i, "stream"u8) && lastDictionaryEnd > 0 && OnlySpace(pdf[lastDictionaryEnd..i]):
                        i = Stream(pdf, lastDictionaryStart, lastDictionaryEnd, i + "stream".Length, objectStream is not null);
                        lastDictionaryEnd = -1;
                        break;
                }
                if (depth > limits.MaxNesting)
                    throw new TemplateException(file, $"arrays and dictionaries nest more than {limits.MaxNesting} deep (TemplateLimits.MaxNesting).");
            }
        }

        /// <summary>A stream's data: expanded within the budget when compressed, and scanned when it is an object stream. Returns where the scan goes on.</summary>
        private int Stream(ReadOnlySpan<byte> pdf, int dictionaryStart, int dictionaryEnd, int afterKeyword, bool insideObjectStream)
        {
            var start = afterKeyword;
            if (start < pdf.Length && pdf[start] == (byte)'\r') start++;
            if (start < pdf.Length && pdf[start] == (byte)'\n') start++;
            var dictionary = Encoding.Latin1.GetString(pdf[dictionaryStart..dictionaryEnd]);
            var end = -1;
            if (DirectInteger(dictionary, "/Length") is { } length && length >= 0 && start + length <= pdf.Length)
            {
                var after = start + (int)length;
                var rest = pdf[after..Math.Min(pdf.Length, after + 32)];
                if (rest.IndexOf("endstream"u8) >= 0) end = after;
            }
            if (end < 0)
            {
                var found = pdf[start..].IndexOf("endstream"u8);
                end = found < 0 ? pdf.Length : start + found;
            }
            var data = pdf[start..end];
            var isObjectStream = dictionary.Contains("/ObjStm", StringComparison.Ordinal);
            if (isObjectStream && !insideObjectStream && DirectInteger(dictionary, "/N") is { } count) Objects += count;
            // An encrypted file's streams are measured only after the parser has decrypted them (ImportedPage bounds the
            // page content it expands); the file's own size limit still holds.
            if (!encrypted && Expand(data, Filters(dictionary), keep: isObjectStream && !insideObjectStream, out var expanded) && isObjectStream && !insideObjectStream)
                Run(expanded, ObjectOffsets(expanded, DirectInteger(dictionary, "/N") ?? 0, DirectInteger(dictionary, "/First") ?? 0));
            var next = pdf[end..].IndexOf("endstream"u8);
            return next < 0 ? pdf.Length : end + next + "endstream".Length - 1;
        }

        /// <summary>
        /// Expands data through its filter chain within the budget; false when a filter is not ours to expand. With
        /// <paramref name="keep"/> false (all but an object stream, which is scanned in turn) the bytes are only counted.
        /// </summary>
        private bool Expand(ReadOnlySpan<byte> data, List<string> filters, bool keep, out byte[] expanded)
        {
            expanded = [];
            if (filters.Count == 0)
            {
                expanded = data.ToArray();
                return true;
            }
            if (filters.Any(f => f is "/LZWDecode" or "/LZW") && data.Length > MaxLzwBytes)
                throw new TemplateException(file, $"it has an LZW-compressed stream of {data.Length:N0} bytes (at most {MaxLzwBytes:N0} are read: LZW expands too far to measure).");
            if (filters.Any(f => f is "/RunLengthDecode" or "/RL") && data.Length > MaxRunLengthBytes)
                throw new TemplateException(file, $"it has a run-length stream of {data.Length:N0} bytes (at most {MaxRunLengthBytes:N0} are read).");
            if (!filters.All(f => f is "/FlateDecode" or "/Fl")) return false;
            var current = data.ToArray();
            for (var layer = 0; layer < filters.Count; layer++) current = Inflate(current, keep || layer < filters.Count - 1);
            expanded = current;
            return true;
        }

        private byte[] Inflate(byte[] data, bool keep)
        {
            var (bytes, length) = TemplateScan.Inflate(data, limits.MaxExpandedBytes - _expanded, file, keep, tolerant: true);
            _expanded += length;
            return bytes;
        }

        /// <summary>Follows /Kids from every node: a loop, or a tree deeper than any form's, is refused.</summary>
        public void CheckPageTree()
        {
            var state = new Dictionary<long, int>(); // 1: on the path, 2: done
            foreach (var root in _kids.Keys)
            {
                if (state.ContainsKey(root)) continue;
                var stack = new Stack<(long Node, int Next)>();
                stack.Push((root, 0));
                state[root] = 1;
                while (stack.Count > 0)
                {
                    var (node, next) = stack.Pop();
                    var kids = _kids.GetValueOrDefault(node);
                    if (kids is null || next >= kids.Count)
                    {
                        state[node] = 2;
                        continue;
                    }
                    stack.Push((node, next + 1));
                    var kid = kids[next];
                    if (state.TryGetValue(kid, out var seen))
                    {
                        if (seen == 1) throw new TemplateException(file, "its page tree loops (a /Kids entry leads back to itself).");
                        continue;
                    }
                    if (stack.Count >= MaxPageTreeDepth) throw new TemplateException(file, $"its page tree is more than {MaxPageTreeDepth} levels deep.");
                    state[kid] = 1;
                    stack.Push((kid, 0));
                }
            }
        }

        private int ReadKids(ReadOnlySpan<byte> pdf, int i, long owner)
        {
            while (i < pdf.Length && IsSpace(pdf[i])) i++;
            if (i >= pdf.Length || pdf[i] != (byte)'[') return i - 1;
            var end = pdf[i..].IndexOf((byte)']');
            if (end < 0) return pdf.Length;
            var tokens = Encoding.Latin1.GetString(pdf[(i + 1)..(i + end)]).Split((char[])[' ', '\r', '\n', '\t', '\f', '\0'], StringSplitOptions.RemoveEmptyEntries);
            if (owner >= 0)
                for (var t = 0; t + 2 < tokens.Length; t++)
                    if (tokens[t + 2] == "R" && long.TryParse(tokens[t], NumberStyles.None, CultureInfo.InvariantCulture, out var kid))
                    {
                        if (!_kids.TryGetValue(owner, out var list)) _kids[owner] = list = [];
                        list.Add(kid);
                        t += 2;
                    }
            // The array is not entered: its depth is one, and its contents are references.
            return i + end;
        }

        private static List<(int Offset, long Number)>? ObjectOffsets(byte[] data, long count, long first)
        {
            var tokens = Encoding.Latin1.GetString(data, 0, (int)Math.Min(data.Length, Math.Max(0, first))).Split((char[])[' ', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var pairs = new List<(int, long)>();
            for (var t = 0; t + 1 < tokens.Length && pairs.Count < count; t += 2)
                if (long.TryParse(tokens[t], NumberStyles.None, CultureInfo.InvariantCulture, out var number) &&
                    int.TryParse(tokens[t + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && first + offset < int.MaxValue)
                    pairs.Add(((int)(first + offset), number));
            pairs.Sort((a, b) => a.Item1.CompareTo(b.Item1));
            return pairs;
        }

        private static List<string> Filters(string dictionary)
        {
            var at = dictionary.IndexOf("/Filter", StringComparison.Ordinal);
            if (at < 0) return [];
            var i = at + "/Filter".Length;
            while (i < dictionary.Length && char.IsWhiteSpace(dictionary[i])) i++;
            var end = i < dictionary.Length && dictionary[i] == '[' ? dictionary.IndexOf(']', i) : i;
            var text = end > i ? dictionary[(i + 1)..end] : dictionary[i..];
            var names = new List<string>();
            foreach (var part in text.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = new string(part.TakeWhile(char.IsAsciiLetterOrDigit).ToArray());
                if (name.Length > 0) names.Add("/" + name);
                if (end <= i) break; // a single name
            }
            return names;
        }

        private static long? DirectInteger(string dictionary, string key)
        {
            var at = dictionary.IndexOf(key + " ", StringComparison.Ordinal);
            if (at < 0) at = dictionary.IndexOf(key, StringComparison.Ordinal);
            if (at < 0) return null;
            var tokens = dictionary[(at + key.Length)..].Split((char[])[' ', '\r', '\n', '\t', '/', '>'], 4, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0 || !long.TryParse(tokens[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return null;
            return tokens.Length >= 3 && tokens[2].StartsWith('R') ? null : value; // an indirect length: not known here
        }

        private long? ObjectNumber(ReadOnlySpan<byte> pdf, int at)
        {
            // "N G obj": read back over the generation and the number.
            // Bounded: a run of spaces before every "obj" must not be read again and again.
            var i = at - 1;
            var floor = Math.Max(0, at - 48);
            if (i < 0 || !IsSpace(pdf[i])) return null;
            while (i >= floor && IsSpace(pdf[i])) i--;
            var generationEnd = i;
            while (i >= floor && char.IsAsciiDigit((char)pdf[i])) i--;
            if (i == generationEnd) return null;
            while (i >= floor && IsSpace(pdf[i])) i--;
            var numberEnd = i;
            while (i >= floor && char.IsAsciiDigit((char)pdf[i]) && numberEnd - i < 12) i--;
            if (i == numberEnd) return null;
            return long.TryParse(pdf[(i + 1)..(numberEnd + 1)], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
        }

        private static int SkipLiteral(ReadOnlySpan<byte> pdf, int i)
        {
            var parens = 1;
            for (i++; i < pdf.Length && parens > 0; i++)
            {
                if (pdf[i] == (byte)'\\') i++;
                else if (pdf[i] == (byte)'(') parens++;
                else if (pdf[i] == (byte)')') parens--;
            }
            return i - 1;
        }

        private static bool Keyword(ReadOnlySpan<byte> pdf, int i, ReadOnlySpan<byte> word) =>
            pdf[i..].StartsWith(word) && (i + word.Length >= pdf.Length || IsDelimiter(pdf[i + word.Length])) &&
            (word[0] == (byte)'/' || i == 0 || IsDelimiter(pdf[i - 1]));

        private static bool OnlySpace(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
                if (!IsSpace(b)) return false;
            return true;
        }

        private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or (byte)'\f' or 0;

        private static bool IsDelimiter(byte b) => IsSpace(b) || b is (byte)'/' or (byte)'[' or (byte)']' or (byte)'<' or (byte)'>' or (byte)'(' or (byte)')' or (byte)'%';
    }
}
