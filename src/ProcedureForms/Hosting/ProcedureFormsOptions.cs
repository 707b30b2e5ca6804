using ProcedureForms.Rendering;
using ProcedureForms.Validation;

namespace ProcedureForms.Hosting;

/// <summary>How <see cref="FormService"/> is set up: where its forms come from and how it validates and prints.</summary>
public sealed class ProcedureFormsOptions
{
    /// <summary>
    /// A folder of form definitions to load instead of the built-in catalog (<c>FormCatalog.BuiltIn</c>); null (the
    /// default) uses the built-in one.
    /// </summary>
    public string? CatalogDirectory { get; set; }

    /// <summary>An assembly whose embedded <c>*.json</c> resources are the catalog (when <see cref="CatalogDirectory"/> is null).</summary>
    public System.Reflection.Assembly? CatalogAssembly { get; set; }

    /// <summary>With <see cref="CatalogAssembly"/>: only resources whose names start with this.</summary>
    public string CatalogResourcePrefix { get; set; } = "";

    /// <summary>The municipality printed in the addressee line (「（宛先）板橋区長」).</summary>
    public MunicipalityProfile? Municipality { get; set; }

    /// <summary>The language of validation messages.</summary>
    public MessageLanguage Language { get; set; } = MessageLanguage.Japanese;

    /// <summary>
    /// Print options (font, PDF/A, masking); <see cref="Municipality"/> is applied on top. Validation always runs the
    /// print check with the same font, so what validates prints.
    /// </summary>
    public RenderOptions Render { get; set; } = RenderOptions.Default;
}
