using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;

namespace ProcedureForms.Definitions;

/// <summary>
/// Every form of a municipality, loaded once from a folder or from embedded resources. Immutable and safe to share
/// across threads. Forms are found by id and version, or by the version in effect on a date (laws revise forms:
/// 児童手当 changed in 2024-10). Files without <c>formId</c> are shared documents the forms may <c>$ref</c>.
/// </summary>
public sealed class FormCatalog
{
    private readonly FrozenDictionary<(string Id, string Version), ProcedureForm> _byVersion;
    private readonly FrozenDictionary<string, ImmutableArray<ProcedureForm>> _byId;

    private FormCatalog(IEnumerable<ProcedureForm> forms, IEnumerable<string> sharedDocuments)
    {
        Forms = [.. forms];
        SharedDocuments = [.. sharedDocuments];
        _byVersion = Forms.ToFrozenDictionary(f => (f.Id!, f.Version!));
        _byId = Forms.GroupBy(f => f.Id!).ToFrozenDictionary(g => g.Key, g => g.OrderBy(f => f.EffectiveFrom ?? DateOnly.MinValue).ToImmutableArray());
    }

    /// <summary>All forms, every version.</summary>
    public ImmutableArray<ProcedureForm> Forms { get; }

    /// <summary>The documents without <c>formId</c>: shared definitions that forms reference, not forms themselves.</summary>
    public ImmutableArray<string> SharedDocuments { get; }

    /// <summary>The form ids in the catalog.</summary>
    public IEnumerable<string> Ids => _byId.Keys;

    private static readonly Lazy<FormCatalog> BuiltInCatalog = new(() =>
        FromEmbeddedResources(typeof(FormCatalog).Assembly, BuiltInPrefix), LazyThreadSafetyMode.ExecutionAndPublication);

    private const string BuiltInPrefix = "ProcedureForms.Catalog.";

    /// <summary>
    /// The forms that ship with this version of the package (児童手当 認定請求書, 要介護・要支援認定 申請書, 住民票の写し等
    /// 交付請求書, 保育施設等 利用申込書, 妊娠届出書, 介護保険 被保険者証等 再交付申請書, 国民健康保険 被保険者資格取得届,
    /// 児童扶養手当 認定請求書, 転出届, 印鑑登録申請書, and two printed on a ward's own 様式 PDF: 住民票の写し等 交付請求書（区様式）
    /// and 妊娠届出書（区様式）), versioned with it. Loaded on first use, then shared: an app that uses only its own forms pays nothing.
    /// </summary>
    public static FormCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>The JSON text of a built-in form by its file name (<c>jido-teate-nintei.json</c>), to copy and adapt.</summary>
    /// <returns>The text, or null when there is no such built-in form.</returns>
    public static string? BuiltInText(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        using var stream = typeof(FormCatalog).Assembly.GetManifestResourceStream(BuiltInPrefix + fileName);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads every <c>*.json</c> below <paramref name="directory"/>.</summary>
    /// <exception cref="FormCatalogException">Any file fails to load, or two forms clash; every problem is listed.</exception>
    public static FormCatalog FromDirectory(string directory, FormLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            throw new FormCatalogException([new FormLoadError("", "The catalog folder does not exist.", directory)]);
        var files = Directory.GetFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        return FromDocuments(files.Select(f => (Path.GetRelativePath(directory, f), new Uri(Path.GetFullPath(f)), File.ReadAllText(f))), options);
    }

    /// <summary>Loads the embedded resources of <paramref name="assembly"/> whose names start with <paramref name="prefix"/> and end in <c>.json</c>.</summary>
    /// <exception cref="FormCatalogException">Any resource fails to load, or two forms clash.</exception>
    public static FormCatalog FromEmbeddedResources(Assembly assembly, string prefix = "", FormLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(prefix);
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        return FromDocuments(names.Select(n =>
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
            return (n, new Uri($"resource://{assembly.GetName().Name}/{n}"), reader.ReadToEnd());
        }), options);
    }

    /// <summary>Builds a catalog from named UTF-8 streams (a blob store, a database), read asynchronously; the streams are not closed.</summary>
    /// <exception cref="FormCatalogException">Any document fails to load, or two forms clash.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while reading.</exception>
    public static async Task<FormCatalog> FromStreamsAsync(IEnumerable<(string Name, Uri Uri, Stream Stream)> documents, FormLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var texts = new List<(string, Uri, string)>();
        foreach (var (name, uri, stream) in documents)
        {
            using var reader = new StreamReader(stream, leaveOpen: true);
            texts.Add((name, uri, await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)));
        }
        return FromDocuments(texts, options);
    }

    /// <summary>Builds a catalog from named documents (name, URI for relative <c>$ref</c>s, JSON text).</summary>
    /// <exception cref="FormCatalogException">Any document fails to load, or two forms clash.</exception>
    public static FormCatalog FromDocuments(IEnumerable<(string Name, Uri Uri, string Text)> documents, FormLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var all = documents.ToList();
        options = (options ?? FormLoadOptions.Default) with
        {
            Documents = [.. (options ?? FormLoadOptions.Default).Documents, .. all.Select(d => new ReferenceDocument(d.Uri, d.Text))],
        };
        var errors = new List<FormLoadError>();
        var forms = new List<ProcedureForm>();
        var shared = new List<string>();
        foreach (var (name, uri, text) in all)
        {
            if (!DeclaresFormId(text))
            {
                shared.Add(name); // loaded, and checked, where a form references it
                continue;
            }
            try
            {
                forms.Add(FormLoader.Load(text, name, uri, options));
            }
            catch (FormDefinitionException e)
            {
                errors.AddRange(e.Errors.Select(x => x with { Source = name }));
            }
        }
        CheckClashes(forms, errors);
        if (errors.Count > 0) throw new FormCatalogException(errors);
        return new FormCatalog(forms, shared);
    }

    /// <summary>The form <paramref name="id"/> at <paramref name="version"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such form or version.</exception>
    public ProcedureForm Get(string id, string version)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(version);
        return _byVersion.TryGetValue((id, version), out var form)
            ? form
            : throw new KeyNotFoundException($"The catalog has no form '{id}' version '{version}'.");
    }

    /// <summary>Finds the form <paramref name="id"/> at <paramref name="version"/>.</summary>
    public bool TryGet(string id, string version, out ProcedureForm form)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(version);
        return _byVersion.TryGetValue((id, version), out form!);
    }

    /// <summary>Every version of <paramref name="id"/>, oldest first; empty when unknown.</summary>
    public ImmutableArray<ProcedureForm> Versions(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue(id, out var forms) ? forms : [];
    }

    /// <summary>The version of <paramref name="id"/> in effect on <paramref name="date"/>, or null when none is.</summary>
    public ProcedureForm? FindEffective(string id, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue(id, out var forms) ? forms.FirstOrDefault(f => f.IsEffectiveOn(date)) : null;
    }

    private static bool DeclaresFormId(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("formId", out _);
        }
        catch (JsonException)
        {
            return true; // let the loader report it with its position
        }
    }

    private static void CheckClashes(List<ProcedureForm> forms, List<FormLoadError> errors)
    {
        foreach (var form in forms.Where(f => f.Version is null))
            errors.Add(new FormLoadError("/formId", $"Form '{form.Id}' has no formVersion; catalog forms need one.", form.Source));
        foreach (var group in forms.Where(f => f.Version is not null).GroupBy(f => (f.Id, f.Version)))
            foreach (var duplicate in group.Skip(1))
                errors.Add(new FormLoadError("/formId", $"Duplicate form '{group.Key.Id}' version '{group.Key.Version}' (also in {group.First().Source}).", duplicate.Source));
        foreach (var group in forms.Where(f => f.Version is not null).GroupBy(f => f.Id))
        {
            var ordered = group.DistinctBy(f => f.Version).OrderBy(f => f.EffectiveFrom ?? DateOnly.MinValue).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var earlier = ordered[i - 1];
                var later = ordered[i];
                if (earlier.EffectiveUntil is null || earlier.EffectiveUntil >= (later.EffectiveFrom ?? DateOnly.MinValue))
                    errors.Add(new FormLoadError("/effectiveFrom",
                        $"Versions '{earlier.Version}' and '{later.Version}' of '{group.Key}' are both in effect on the same days; give the earlier one an effectiveUntil before {later.EffectiveFrom:yyyy-MM-dd}.",
                        later.Source));
            }
        }
    }
}

/// <summary>A catalog could not be built; <see cref="Errors"/> lists every problem with its file and pointer.</summary>
public sealed class FormCatalogException(IReadOnlyList<FormLoadError> errors)
    : Exception($"The form catalog has {errors.Count} error(s):" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e)))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<FormLoadError> Errors { get; } = errors;
}
