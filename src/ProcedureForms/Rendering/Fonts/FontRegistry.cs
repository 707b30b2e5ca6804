using System.Collections.Immutable;

namespace ProcedureForms.Rendering.Fonts;

/// <summary>
/// The fonts forms can be printed with, by name. Immutable: <see cref="With"/> returns a new registry.
/// <see cref="Default"/> holds IPAex Mincho, embedded in the package (IPA Font License v1.0).
/// </summary>
public sealed class FontRegistry
{
    /// <summary>The name of the embedded IPAex Mincho.</summary>
    public const string IpaexMincho = "IPAex Mincho";

    private static readonly Lazy<FormFont> EmbeddedMincho = new(() => FormFont.FromResource(IpaexMincho, "ProcedureForms.Fonts.ipaexm.ttf"));

    private readonly ImmutableDictionary<string, Lazy<FormFont>> _fonts;

    private FontRegistry(ImmutableDictionary<string, Lazy<FormFont>> fonts) => _fonts = fonts;

    /// <summary>IPAex Mincho only; its data is read from the assembly the first time a form is printed.</summary>
    public static FontRegistry Default { get; } = new(ImmutableDictionary<string, Lazy<FormFont>>.Empty.Add(IpaexMincho, EmbeddedMincho));

    /// <summary>The names of the registered fonts.</summary>
    public IEnumerable<string> Names => _fonts.Keys;

    /// <summary>A registry with <paramref name="font"/> added (or replacing one of the same name).</summary>
    public FontRegistry With(FormFont font)
    {
        ArgumentNullException.ThrowIfNull(font);
        return new(_fonts.SetItem(font.Name, new Lazy<FormFont>(font)));
    }

    /// <summary>The font named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No font of that name is registered.</exception>
    public FormFont Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _fonts.TryGetValue(name, out var font)
            ? font.Value
            : throw new KeyNotFoundException($"No font named '{name}' is registered (known: {string.Join(", ", _fonts.Keys)}).");
    }
}
