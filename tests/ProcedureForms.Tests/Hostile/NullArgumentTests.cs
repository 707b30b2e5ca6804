using System.Reflection;
using Microsoft.Extensions.Options;
using ProcedureForms.Definitions;
using ProcedureForms.Hosting;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Validation;

namespace ProcedureForms.Tests.Hostile;

/// <summary>
/// Every public member, given null where its signature does not allow it, throws ArgumentNullException naming the
/// parameter (regression: eight entry points threw NullReferenceException from deep inside).
/// </summary>
public sealed class NullArgumentTests
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>An instance to call each public type's instance members on.</summary>
    private static object? InstanceOf(Type type)
    {
        if (type == typeof(ProcedureForm)) return ProcedureForm.FromFile(Forms.ChildAllowancePath);
        if (type == typeof(FormCatalog)) return FormCatalog.BuiltIn;
        if (type == typeof(PrintCheck)) return PrintCheck.PrivateUseOnly;
        if (type == typeof(FontRegistry)) return FontRegistry.Default;
        if (type == typeof(FormFont)) return FontRegistry.Default.Get(FontRegistry.IpaexMincho);
        if (type == typeof(FormService)) return new FormService(Options.Create(new ProcedureFormsOptions()));
        return null;
    }

    public static TheoryData<string> Members()
    {
        var data = new TheoryData<string>();
        foreach (var (method, parameter) in Candidates()) data.Add($"{method.DeclaringType!.Name}.{method.Name}({parameter.Name})#{method.MetadataToken}");
        return data;
    }

    private static IEnumerable<(MethodBase Method, ParameterInfo Parameter)> Candidates()
    {
        var types = typeof(ProcedureForm).Assembly.GetExportedTypes().Where(t => !t.IsEnum && !t.IsInterface && !typeof(Delegate).IsAssignableFrom(t));
        foreach (var type in types)
        {
            var members = type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && !m.IsGenericMethodDefinition && m.Name is not ("Equals" or "Deconstruct" or "<Clone>$" or "PrintMembers"))
                .Where(m => m.IsStatic || InstanceOf(type) is not null)
                .Cast<MethodBase>()
                .Concat(type.IsAbstract || type.IsValueType ? [] : type.GetConstructors().Where(c => !(type.Name.EndsWith("Exception", StringComparison.Ordinal) || IsRecord(type))));
            foreach (var member in members)
                foreach (var parameter in member.GetParameters())
                    if (!parameter.ParameterType.IsValueType && !parameter.ParameterType.IsByRef && Nullability.Create(parameter).WriteState == NullabilityState.NotNull)
                        yield return (member, parameter);
        }
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    [Theory]
    [MemberData(nameof(Members))]
    public async Task Null_gives_ArgumentNullException_naming_the_parameter(string member)
    {
        var (method, parameter) = Candidates().Single(c => $"{c.Method.DeclaringType!.Name}.{c.Method.Name}({c.Parameter.Name})#{c.Method.MetadataToken}" == member);
        var arguments = method.GetParameters().Select(p => p == parameter ? null : Plausible(p)).ToArray();
        Exception? thrown = null;
        try
        {
            var result = method is ConstructorInfo constructor ? constructor.Invoke(arguments) : method.Invoke(method.IsStatic ? null : InstanceOf(method.DeclaringType!), arguments);
            if (result is Task task) await task;
        }
        catch (TargetInvocationException e)
        {
            thrown = e.InnerException;
        }
        catch (Exception e)
        {
            thrown = e;
        }
        var argumentNull = Assert.IsType<ArgumentNullException>(thrown, exactMatch: false);
        Assert.Equal(parameter.Name, argumentNull.ParamName);
    }

    /// <summary>A usable value for the other parameters, so only the null one can be at fault.</summary>
    private static object? Plausible(ParameterInfo p)
    {
        var type = p.ParameterType;
        if (type == typeof(string)) return p.Name switch { "path" or "directory" => Forms.ChildAllowancePath, _ => "{}" };
        if (type == typeof(Stream)) return new MemoryStream("{}"u8.ToArray());
        if (type == typeof(byte[])) return "%PDF-1.7\n"u8.ToArray();
        if (type == typeof(ProcedureForms.Templates.TemplatePdf))
            return ProcedureForms.Templates.TemplatePdf.FromFile(Path.Combine(ProcedureForms.Tests.Templates.TemplatePdfTests.Fixtures, "libreoffice-form.pdf"));
        if (type == typeof(ProcedureForm)) return InstanceOf(type);
        if (type == typeof(CancellationToken)) return CancellationToken.None;
        if (type == typeof(Assembly)) return typeof(ProcedureForm).Assembly;
        if (type == typeof(Uri)) return new Uri("https://example.jp/form.json");
        if (type.IsValueType) return Activator.CreateInstance(type);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)) return Array.CreateInstance(type.GetGenericArguments()[0], 0);
        return p.HasDefaultValue ? p.DefaultValue : null;
    }

    [Fact]
    public void A_municipality_without_a_name_is_an_argument_error()
    {
        string? none = null;
        Assert.Throws<ArgumentException>(() => new RenderOptions { Municipality = none! });
        Assert.Throws<ArgumentException>(() => new MunicipalityProfile(" "));
        Assert.Equal("板橋区長", new MunicipalityProfile("板橋区").Addressee);
    }
}
