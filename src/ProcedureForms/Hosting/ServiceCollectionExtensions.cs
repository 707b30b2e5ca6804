using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcedureForms.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ProcedureForms in an app's container.</summary>
public static class ProcedureFormsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FormService"/> (a singleton: the catalog, validation and printing) and its
    /// <see cref="ProcedureFormsOptions"/>: <c>services.AddProcedureForms(o =&gt; o.Municipality = "板橋区")</c>.
    /// </summary>
    public static IServiceCollection AddProcedureForms(this IServiceCollection services, Action<ProcedureFormsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ProcedureFormsOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<FormService>();
        return services;
    }
}
