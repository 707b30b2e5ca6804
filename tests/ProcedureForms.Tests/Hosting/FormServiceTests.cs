using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProcedureForms.Hosting;
using ProcedureForms.Rendering;

namespace ProcedureForms.Tests.Hosting;

/// <summary>The container registration and the service's logging.</summary>
public sealed class FormServiceTests
{
    private static readonly string Submissions = Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions");

    /// <summary>Keeps every formatted log line.</summary>
    private sealed class Capture : ILoggerProvider, ILogger
    {
        public List<string> Lines { get; } = [];
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add($"{logLevel} {eventId.Id} {formatter(state, exception)}");
        }
        public void Dispose() { }
    }

    private static (FormService Service, Capture Log) Build(Action<ProcedureFormsOptions>? configure = null)
    {
        var log = new Capture();
        var provider = new ServiceCollection()
            .AddLogging(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Debug))
            .AddProcedureForms(configure)
            .BuildServiceProvider();
        return (provider.GetRequiredService<FormService>(), log);
    }

    [Fact]
    public async Task The_registered_service_serves_the_built_in_catalog_with_the_configured_municipality()
    {
        var (service, log) = Build(o => o.Municipality = "板橋区");
        var form = service.Find("jido-teate-nintei", new DateOnly(2026, 11, 26));
        await using var body = File.OpenRead(Path.Combine(Submissions, "valid.json"));
        Assert.True((await service.ValidateAsync(form, body)).IsValid);
        await using var pdf = new MemoryStream();
        await service.RenderAsync(form, Forms.Json(File.ReadAllText(Path.Combine(Submissions, "valid.json"))), pdf);
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf.ToArray());
        Assert.Contains("板橋区長", document.GetPage(1).Text);
        Assert.Contains(log.Lines, l => l.StartsWith("Information 1 Loaded 12 form(s) from built-in", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.StartsWith("Information 4 Printed jido-teate-nintei 2024.10 (filled): 2 page(s),", StringComparison.Ordinal));
        Assert.Throws<KeyNotFoundException>(() => service.Find("jido-teate-nintei", new DateOnly(2020, 1, 1)));
    }

    [Fact]
    public async Task Logs_name_fields_and_never_their_values()
    {
        var (service, log) = Build();
        var form = service.Find("jido-teate-nintei", new DateOnly(2026, 11, 26));
        var invalid = File.ReadAllText(Path.Combine(Submissions, "invalid-numbers.json"));
        await using var body = new MemoryStream(Encoding.UTF8.GetBytes(invalid));
        var report = await service.ValidateAsync(form, body);
        Assert.False(report.IsValid);
        var line = Assert.Single(log.Lines, l => l.StartsWith("Information 3", StringComparison.Ordinal));
        Assert.Contains("/claimant/myNumber format", line);
        var unprintable = File.ReadAllText(Path.Combine(Submissions, "valid.json")).Replace("板橋 花子", "吉田 𠮷子", StringComparison.Ordinal);
        await Assert.ThrowsAsync<PrintCheckException>(() => service.RenderAsync(form, Forms.Json(unprintable), Stream.Null));
        Assert.Contains(log.Lines, l => l.StartsWith("Warning 5", StringComparison.Ordinal) && l.Contains("/claimant/name"));
        foreach (var value in (string[])["123456789019", "ｲﾀﾊﾞｼ", "0120-12-3456-7", "吉田", "𠮷"])
            Assert.DoesNotContain(log.Lines, l => l.Contains(value, StringComparison.Ordinal));
    }

    [Fact]
    public void Embedded_resources_of_an_app_can_be_the_catalog()
    {
        // The library's own resources stand in for an app's: its built-in forms are embedded under "ProcedureForms.Catalog.".
        var (service, log) = Build(o => (o.CatalogAssembly, o.CatalogResourcePrefix) = (typeof(FormService).Assembly, "ProcedureForms.Catalog.ninshin-todokede."));
        Assert.Equal(["ninshin-todokede"], service.Catalog.Ids);
        Assert.Contains(log.Lines, l => l.Contains("Loaded 1 form(s) from ProcedureForms resources", StringComparison.Ordinal));
    }

    [Fact]
    public void A_catalog_folder_replaces_the_built_in_one()
    {
        var folder = Directory.CreateTempSubdirectory("procforms-catalog-").FullName;
        File.Copy(Path.Combine(Forms.RepoRoot, "schemas", "forms", "ninshin-todokede.json"), Path.Combine(folder, "ninshin-todokede.json"));
        var (service, _) = Build(o => o.CatalogDirectory = folder);
        Assert.Equal(["ninshin-todokede"], service.Catalog.Ids);
        Directory.Delete(folder, recursive: true);
    }
}
