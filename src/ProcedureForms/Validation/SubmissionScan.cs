using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ProcedureForms.Definitions;
using ProcedureForms.Definitions.Keywords;

namespace ProcedureForms.Validation;

/// <summary>
/// The one walk over a submission before any schema is evaluated: whether all of its text is readable, where it goes
/// beyond a <see cref="SubmissionLimits"/> bound, the first object that names a property twice, and the first number too
/// long to print. Text is checked on its raw UTF-8 and pointers are written only for what is found, so a valid
/// submission costs a few microseconds (four separate walks reading every string cost a fifth of a validation).
/// </summary>
internal sealed class SubmissionScan
{
    // Only guards the stack: the limits refuse deep input long before this.
    private const int MaxWalkDepth = 1_024;

    // Objects up to this many properties are checked for a repeated name pairwise on their raw names, without a set.
    private const int PairwiseNames = 16;

    private readonly SubmissionLimits _limits;
    private readonly List<Segment> _path = [];

    private SubmissionScan(SubmissionLimits limits) => _limits = limits;

    /// <summary>A property name or string is not text (invalid UTF-8, or an unpaired surrogate escape such as <c>\uD800</c>).</summary>
    public bool Unreadable { get; private set; }

    /// <summary>Where the submission exceeds a limit (an over-long array or object is not looked into for more), in document order.</summary>
    public List<(string Pointer, string Keyword, long Actual, long Limit)> Exceeded { get; } = [];

    /// <summary>The pointer of the first object that names a property twice, or null.</summary>
    public string? Duplicate { get; private set; }

    /// <summary>The pointer of the first number too long to print written out in full (<see cref="JsonNumbers.MaxCanonicalLength"/>), or null.</summary>
    public string? LongNumber { get; private set; }

    /// <summary>
    /// The pointer of the first number beyond <see cref="decimal"/>'s range (<c>1e30</c>), or null: JsonSchema.Net
    /// compares numbers as decimal (const, enum, uniqueItems) and throws on such a number instead of answering.
    /// </summary>
    public string? HugeNumber { get; private set; }

    /// <summary>Whether any number is beyond <see cref="decimal"/>'s range (long ones included): the submission must not be evaluated.</summary>
    public bool BeyondDecimal { get; private set; }

    /// <summary>Walks <paramref name="submission"/> once; stops early only at unreadable text, which refuses the whole submission.</summary>
    public static SubmissionScan Run(JsonElement submission, SubmissionLimits limits)
    {
        var scan = new SubmissionScan(limits);
        scan.Walk(submission, 0, limitsApply: true);
        return scan;
    }

    // Depth first, in document order, each element before its children: the same "first" as separate walks would find.
    private void Walk(JsonElement element, int depth, bool limitsApply)
    {
        if (Unreadable || depth > MaxWalkDepth) return;
        limitsApply &= Exceeded.Count < _limits.MaxErrors;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (limitsApply && depth >= _limits.MaxDepth)
                {
                    Exceed("limit:maxDepth", depth + 1, _limits.MaxDepth);
                    limitsApply = false;
                }
                var properties = element.GetPropertyCount();
                if (limitsApply && properties > _limits.MaxProperties)
                {
                    Exceed("limit:maxProperties", properties, _limits.MaxProperties);
                    limitsApply = false;
                }
                if (Duplicate is null && properties > 1 && NamesAPropertyTwice(element, properties)) Duplicate = Pointer();
                if (Unreadable) return;
                foreach (var property in element.EnumerateObject())
                {
                    if (!Readable(JsonMarshal.GetRawUtf8PropertyName(property), property, default))
                    {
                        Unreadable = true;
                        return;
                    }
                    _path.Add(new Segment(property, -1));
                    Walk(property.Value, depth + 1, limitsApply);
                    _path.RemoveAt(_path.Count - 1);
                }
                return;
            case JsonValueKind.Array:
                if (limitsApply && depth >= _limits.MaxDepth)
                {
                    Exceed("limit:maxDepth", depth + 1, _limits.MaxDepth);
                    limitsApply = false;
                }
                var items = element.GetArrayLength();
                if (limitsApply && items > _limits.MaxItems)
                {
                    Exceed("limit:maxItems", items, _limits.MaxItems);
                    limitsApply = false;
                }
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    _path.Add(new Segment(default, index++));
                    Walk(item, depth + 1, limitsApply);
                    _path.RemoveAt(_path.Count - 1);
                }
                return;
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(element)[1..^1]; // without the quotes
                if (!Readable(raw, default, element))
                {
                    Unreadable = true;
                    return;
                }
                // Code points never outnumber UTF-8 bytes: most strings need no count.
                if (limitsApply && raw.Length > _limits.MaxStringLength && CodePoints(raw, element) is var length && length > _limits.MaxStringLength)
                    Exceed("limit:maxStringLength", length, _limits.MaxStringLength);
                return;
            case JsonValueKind.Number:
                // A plain decimal's canonical text is never longer than its own: only exponents and long literals are worked out.
                var number = JsonMarshal.GetRawUtf8Value(element);
                var exponent = number.IndexOfAny((byte)'e', (byte)'E') >= 0;
                var isLong = (number.Length > JsonNumbers.MaxCanonicalLength || exponent) && JsonNumbers.Canonical(element) is null;
                if (isLong) LongNumber ??= Pointer();
                if ((number.Length >= 28 || exponent) && !element.TryGetDecimal(out _))
                {
                    BeyondDecimal = true;
                    if (!isLong) HugeNumber ??= Pointer();
                }
                return;
        }
    }

    private void Exceed(string keyword, long actual, long limit) => Exceeded.Add((Pointer(), keyword, actual, limit));

    /// <summary>
    /// Whether raw JSON text is readable: valid UTF-8 with no escapes, or escapes that decode (System.Text.Json parses
    /// <c>\uD800</c> and throws only when the text is read).
    /// </summary>
    private static bool Readable(ReadOnlySpan<byte> raw, JsonProperty property, JsonElement value)
    {
        if (raw.IndexOf((byte)'\\') < 0) return Utf8.IsValid(raw);
        try
        {
            _ = value.ValueKind == JsonValueKind.String ? value.GetString() : property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static long CodePoints(ReadOnlySpan<byte> raw, JsonElement element)
    {
        if (raw.IndexOf((byte)'\\') >= 0) return CodePointLength.Of(element.GetString()!);
        long count = 0;
        foreach (var b in raw)
            if ((b & 0xC0) != 0x80) count++;
        return count;
    }

    /// <summary>Whether an object names a property twice: equal raw names, or equal names once escapes are decoded.</summary>
    private bool NamesAPropertyTwice(JsonElement element, int count)
    {
        if (count <= PairwiseNames)
        {
            // Each raw name is read once and hashed; names are compared only when their hashes are equal.
            Span<int> hashes = stackalloc int[PairwiseNames];
            var properties = ArrayPool<JsonProperty>.Shared.Rent(count);
            try
            {
                var n = 0;
                var escaped = false;
                foreach (var property in element.EnumerateObject())
                {
                    var raw = JsonMarshal.GetRawUtf8PropertyName(property);
                    escaped |= raw.IndexOf((byte)'\\') >= 0;
                    hashes[n] = Fnv1a(raw);
                    properties[n++] = property;
                }
                if (!escaped)
                {
                    for (var i = 1; i < n; i++)
                        for (var j = 0; j < i; j++)
                            if (hashes[i] == hashes[j] &&
                                JsonMarshal.GetRawUtf8PropertyName(properties[i]).SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(properties[j])))
                                return true;
                    return false;
                }
            }
            finally
            {
                ArrayPool<JsonProperty>.Shared.Return(properties, clearArray: true);
            }
        }
        try
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
                if (!names.Add(property.Name)) return true;
            return false;
        }
        catch (InvalidOperationException)
        {
            Unreadable = true;
            return false;
        }
    }

    private static int Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes) hash = (hash ^ b) * 16777619u;
        return unchecked((int)hash);
    }

    private string Pointer()
    {
        if (_path.Count == 0) return "";
        var pointer = new StringBuilder();
        foreach (var segment in _path)
        {
            pointer.Append('/');
            if (segment.Index >= 0) pointer.Append(segment.Index.ToString(CultureInfo.InvariantCulture));
            else pointer.Append(JsonPointers.Escape(segment.Property.Name));
        }
        return pointer.ToString();
    }

    private readonly record struct Segment(JsonProperty Property, int Index);
}
