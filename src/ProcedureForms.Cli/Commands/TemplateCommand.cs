using System.CommandLine;
using ProcedureForms.Templates;

namespace ProcedureForms.Cli.Commands;

/// <summary>
/// <c>procforms template inspect FILE [--json]</c>: a template PDF's pages and AcroForm fields, rectangles in mm from
/// each printed page's top-left. 0 when read; 2 when the file cannot be used (password, XFA, damaged, over a limit).
/// </summary>
internal static class TemplateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("template", "Tools for template PDFs: a ward's official form that values are printed over.");
        command.Subcommands.Add(Inspect(stdout, stderr));
        return command;
    }

    private static Command Inspect(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "The template PDF." };
        var json = new Option<bool>("--json") { Description = "Print JSON: {\"pages\":[…],\"fields\":[…]}." };
        var command = new Command("inspect", "List a template's pages and AcroForm fields (mm from each printed page's top-left).") { file, json };
        command.SetAction(parse =>
        {
            if (Read(parse.GetValue(file)!, stderr) is not { } template) return ExitCodes.Unreadable;
            if (parse.GetValue(json))
            {
                stdout.WriteLine(template.ToJson());
                return ExitCodes.Ok;
            }
            stdout.WriteLine(TerminalText.Safe($"{template.Name}: {template.Pages.Count} page(s), {template.Fields.Count} field(s), sha256 {template.Sha256}{(template.OwnerRestricted ? ", owner-password restricted (read under the template policy)" : "")}"));
            foreach (var page in template.Pages)
                stdout.WriteLine($"  page {page.Number}: {page.WidthMm:0.#} x {page.HeightMm:0.#} mm");
            foreach (var field in template.Fields)
                stdout.WriteLine(TerminalText.Safe($"  {field.Kind,-9} {field.Name}{(field.Option is null ? "" : $" = {field.Option}")}  page {field.Page}  x {field.XMm:0.0} y {field.YMm:0.0} w {field.WidthMm:0.0} h {field.HeightMm:0.0} mm" +
                    (field.MaxLength is { } max ? $"  maxLength {max}" : "") + (field.Options.Count > 0 ? $"  options {string.Join("・", field.Options)}" : "")));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Reads a template, or says in one line why it cannot be used.</summary>
    internal static TemplatePdf? Read(string path, TextWriter stderr)
    {
        try
        {
            return TemplatePdf.FromFile(path);
        }
        catch (TemplateException e)
        {
            stderr.WriteLine(TerminalText.Safe($"procforms: {e.Message}"));
            return null;
        }
    }
}
