using System.Text;
using System.Text.Json;

namespace ProcedureForms.Definitions;

/// <summary>Small JSON Pointer (RFC 6901) helpers over strings, used where pointers are reported to people.</summary>
internal static class JsonPointers
{
    public static string[] Split(string pointer)
    {
        if (pointer.Length == 0) return [];
        var parts = pointer[1..].Split('/');
        for (var i = 0; i < parts.Length; i++)
            parts[i] = Unescape(parts[i]);
        return parts;
    }

    public static string Join(IEnumerable<string> segments)
    {
        var sb = new StringBuilder();
        foreach (var s in segments)
            sb.Append('/').Append(Escape(s));
        return sb.ToString();
    }

    public static string Append(string pointer, string segment) => pointer + "/" + Escape(segment);

    public static string Escape(string segment) =>
        segment.Contains('~') || segment.Contains('/') ? segment.Replace("~", "~0").Replace("/", "~1") : segment;

    public static string Unescape(string segment) =>
        segment.Contains('~') ? segment.Replace("~1", "/").Replace("~0", "~") : segment;

    public static JsonElement? Evaluate(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var segment in Split(pointer))
        {
            if (current.ValueKind == JsonValueKind.Object)
            {
                if (!current.TryGetProperty(segment, out current)) return null;
            }
            else if (current.ValueKind == JsonValueKind.Array)
            {
                if (!int.TryParse(segment, out var index) || index < 0 || index >= current.GetArrayLength()) return null;
                current = current[index];
            }
            else return null;
        }
        return current;
    }
}
