using System.Text.Json;

namespace ProcedureForms.Rendering;

/// <summary>
/// The municipality a host prints for, so that one catalog serves any municipality: its name fills
/// <c>{municipality}</c> and the title of its head fills <c>{head}</c> in a form's <c>addressee</c> line.
/// </summary>
/// <param name="Name">The municipality, e.g. 「板橋区」.</param>
/// <param name="Head">The addressee, e.g. 「板橋区長」; defaults to the name followed by 長.</param>
/// <exception cref="ArgumentException">The name is null, empty or blank (it would print an addressee line with no municipality).</exception>
public sealed record MunicipalityProfile(string Name, string? Head = null)
{
    /// <summary>The municipality, e.g. 「板橋区」.</summary>
    public string Name { get; init; } = string.IsNullOrWhiteSpace(Name)
        ? throw new ArgumentException("A municipality profile needs a name, e.g. 板橋区.", nameof(Name))
        : Name;

    /// <summary>The addressee: <see cref="Head"/>, or the name followed by 長.</summary>
    public string Addressee => Head ?? Name + "長";

    /// <summary>A profile from just a name.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or blank.</exception>
    public static implicit operator MunicipalityProfile(string name) => new(name);

    /// <summary>Reads <c>{"name": "板橋区", "head": "板橋区長"}</c>.</summary>
    /// <exception cref="FormatException">The JSON is not such an object.</exception>
    public static MunicipalityProfile FromJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                throw new FormatException("A municipality profile is a JSON object with a \"name\" (and optionally a \"head\").");
            return new MunicipalityProfile(name.GetString()!, root.TryGetProperty("head", out var head) && head.ValueKind == JsonValueKind.String ? head.GetString() : null);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The municipality profile is not valid JSON (line {e.LineNumber + 1}).", e);
        }
    }

    /// <summary>Fills {municipality} and {head} in an addressee template.</summary>
    internal static string Fill(string template, MunicipalityProfile profile) =>
        template.Replace("{head}", profile.Addressee, StringComparison.Ordinal)
                .Replace("{municipality}", profile.Name, StringComparison.Ordinal);

    /// <summary>
    /// The addressee line in parts: with a profile, the whole line; without one, the text before and after the first
    /// placeholder, which is printed as a blank line to write the municipality in (never a stray 「長」).
    /// </summary>
    internal static (string Before, string After, bool Blank) Split(string template, MunicipalityProfile? profile)
    {
        if (profile is not null) return (Fill(template, profile), "", false);
        var head = template.IndexOf("{head}", StringComparison.Ordinal);
        var municipality = template.IndexOf("{municipality}", StringComparison.Ordinal);
        var at = head < 0 ? municipality : municipality < 0 ? head : Math.Min(head, municipality);
        if (at < 0) return (template, "", false);
        var placeholder = template.AsSpan(at).StartsWith("{head}", StringComparison.Ordinal) ? "{head}" : "{municipality}";
        static string Clear(string text) => text.Replace("{head}", "", StringComparison.Ordinal).Replace("{municipality}", "", StringComparison.Ordinal);
        return (Clear(template[..at]), Clear(template[(at + placeholder.Length)..]), true);
    }
}
