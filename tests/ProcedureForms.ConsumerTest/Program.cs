// The README's quick start, as a new app uses the package: the built-in catalog, validation, printing, and the
// container registration. Exits 0 when every step does what the README says; prints what failed otherwise.
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProcedureForms.Definitions;
using ProcedureForms.Hosting;
using ProcedureForms.Rendering;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ProcedureForms.ConsumerTest SUBMISSION.json OUT.pdf");
    return 2;
}

var form = FormCatalog.BuiltIn.FindEffective("jido-teate-nintei", new DateOnly(2026, 11, 26));
if (form is null) return Fail("the built-in catalog has no 児童手当 認定請求書 in effect on 2026-11-26");
var json = File.ReadAllText(args[0]);
var report = form.Validate(json);
if (!report.IsValid) return Fail($"the sample submission is invalid: {string.Join("; ", report.Errors)}");

using var submission = JsonDocument.Parse(json);
var pdf = FormRenderer.Render(form, submission.RootElement, new RenderOptions { Municipality = "板橋区" });
if (pdf.Length < 10_000 || pdf[0] != '%' || pdf[1] != 'P') return Fail($"the PDF looks wrong ({pdf.Length} bytes)");
File.WriteAllBytes(args[1], pdf);

var services = new ServiceCollection().AddProcedureForms(o => o.Municipality = "板橋区").BuildServiceProvider();
var service = services.GetRequiredService<FormService>();
await using (var body = File.OpenRead(args[0]))
    if (!(await service.ValidateAsync(service.Find("jido-teate-nintei", new DateOnly(2026, 11, 26)), body)).IsValid)
        return Fail("FormService found the sample invalid");

Console.WriteLine($"consumer: OK — {FormCatalog.BuiltIn.Forms.Length} built-in forms, {form}, {pdf.Length:N0} bytes written to {args[1]}");
return 0;

static int Fail(string why)
{
    Console.Error.WriteLine($"consumer: FAILED — {why}");
    return 1;
}
