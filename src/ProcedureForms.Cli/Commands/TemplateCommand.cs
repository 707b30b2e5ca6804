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
        command.Subcommands.Add(Grid(stdout, stderr));
        command.Subcommands.Add(Scaffold(stdout, stderr));
        return command;
    }

    private static Command Grid(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "The template PDF." };
        var output = new Option<string>("--output", "-o") { Description = "The grid PDF to write.", Required = true };
        var command = new Command("grid", "Draw a 5/10 mm grid, rulers and every AcroForm field over each template page, for measuring rectangles.") { file, output };
        command.SetAction(parse =>
        {
            if (Read(parse.GetValue(file)!, stderr) is not { } template) return ExitCodes.Unreadable;
            var path = parse.GetValue(output)!;
            if (!Write(path, () =>
                {
                    using var stream = File.Create(path);
                    TemplateTools.Grid(template, stream);
                }, stderr))
                return ExitCodes.Unreadable;
            stdout.WriteLine(TerminalText.Safe($"Wrote {path} ({template.Pages.Count} page(s), {template.Fields.Count} field(s) outlined)."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Scaffold(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "The template PDF (with AcroForm fields)." };
        var output = new Option<string>("--output", "-o") { Description = "The definition to write (JSON).", Required = true };
        var command = new Command("scaffold", "Write a definition skeleton from a template's AcroForm fields; add each field's title, then lint.") { file, output };
        command.SetAction(parse =>
        {
            var pdfPath = parse.GetValue(file)!;
            if (Read(pdfPath, stderr) is not { } template) return ExitCodes.Unreadable;
            var path = parse.GetValue(output)!;
            if (template.Fields.Count == 0)
            {
                stderr.WriteLine(TerminalText.Safe($"procforms: {template.Name} has no AcroForm fields to scaffold from; measure places with procforms template grid and write rect placements."));
                return ExitCodes.Invalid;
            }
            var relative = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFullPath(pdfPath));
            if (!Write(path, () => File.WriteAllText(path, TemplateTools.Scaffold(template, relative)), stderr)) return ExitCodes.Unreadable;
            stdout.WriteLine(TerminalText.Safe($"Wrote {path}: {template.Fields.Select(f => f.Name).Distinct().Count()} field(s) placed by AcroForm name. Write the form's title and each field's title (as the paper form names it), then: procforms lint {path}"));
            return ExitCodes.Ok;
        });
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

    /// <summary>Writes an output file, or says in one line why it cannot be written.</summary>
    private static bool Write(string path, Action write, TextWriter stderr)
    {
        try
        {
            write();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine(TerminalText.Safe($"procforms: cannot write {path}: {e.Message}"));
            return false;
        }
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
