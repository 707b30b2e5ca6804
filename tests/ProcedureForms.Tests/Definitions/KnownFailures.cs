namespace ProcedureForms.Tests.Definitions;

/// <summary>
/// Suite cases that fail for reasons outside ProcedureForms' layer, each with its reason. A listed case that starts
/// passing fails the run, so this list cannot go stale.
/// </summary>
public static class KnownFailures
{
    private const string IdnHostname = "JsonSchema.Net 8.0.5 idn-hostname: no IDNA2008 contextual and bidi rules (RFC 5891-5893), no IDNA label separators (。．｡), no A-label length check";
    private const string Hostname = "JsonSchema.Net 8.0.5 hostname: A-labels (xn--) are not decoded and checked, so valid punycode labels with contextual exceptions are refused";
    private const string Iri = "JsonSchema.Net 8.0.5 iri: its System.Uri-based check differs from RFC 3987 (IPv4-in-IPv6 leading zero, IPvFuture, path-only IRIs)";
    private const string Ipv6 = "JsonSchema.Net 8.0.5 ipv6: System.Net.IPAddress parsing accepts brackets and a leading zero in an embedded IPv4 part";
    private const string Uri = "JsonSchema.Net 8.0.5 uri: System.Uri accepts malformed percent-encoding";
    private const string UriReference = "JsonSchema.Net 8.0.5 uri-reference: System.Uri accepts malformed percent-encoding, brackets, ports and colons RFC 3986 forbids";
    private const string UriTemplate = "JsonSchema.Net 8.0.5 uri-template: a loose pattern, not the RFC 6570 grammar";
    private const string Duration = "JsonSchema.Net 8.0.5 duration: does not enforce the RFC 3339 Appendix A grammar (missing components, weeks with time)";

    /// <summary>Suite files ProcedureForms refuses at load time by design, with the reason.</summary>
    public static IReadOnlyDictionary<string, string> RefusedByDesign { get; } = new Dictionary<string, string>
    {
        ["optional/format/unknown.json"] = "ProcedureForms asserts formats and refuses unknown format names when the form loads (the suite expects them to pass silently, which is the trap the issue names)",
    };

    private static readonly Dictionary<(string File, string Group), Dictionary<string, string>> Cases = new()
    {
        [("optional/format/idn-hostname.json", "validation of separators in internationalized host names")] = new()
        {
            ["ideographic full stop as label separator"] = IdnHostname,
            ["fullwidth full stop as label separator"] = IdnHostname,
            ["halfwidth ideographic full stop as label separator"] = IdnHostname,
            ["label too long if separator ignored (ideographic full stop)"] = IdnHostname,
            ["label too long if separator ignored (fullwidth full stop)"] = IdnHostname,
            ["label too long if separator ignored (halfwidth ideographic full stop)"] = IdnHostname,
        },
        [("optional/format/iri.json", "validation of IRIs")] = new()
        {
            ["an IPv6 host whose embedded IPv4 has a leading zero is invalid"] = Iri,
            ["an IPvFuture host with an uppercase version letter is valid"] = Iri,
            ["a valid IRI with no authority and an absolute path"] = Iri,
        },
        [("optional/format/ipv6.json", "validation of IPv6 addresses")] = new()
        {
            ["a bracketed address is invalid"] = Ipv6,
            ["a leading zero in the last IPv4 octet is invalid"] = Ipv6,
        },
        [("optional/format/idn-hostname.json", "validation of internationalized host names")] = new()
        {
            ["contains illegal char U+302E Hangul single dot tone mark"] = IdnHostname,
            ["valid Chinese Punycode"] = IdnHostname,
            ["Exceptions that are DISALLOWED, right-to-left chars"] = IdnHostname,
            ["Exceptions that are DISALLOWED, left-to-right chars"] = IdnHostname,
            ["KATAKANA MIDDLE DOT with no Hiragana, Katakana, or Han"] = IdnHostname,
            ["KATAKANA MIDDLE DOT with no other characters"] = IdnHostname,
            ["zero width non-joiner must pass at every occurrence"] = IdnHostname,
            ["Bidi domain name with a digit-first label is invalid"] = IdnHostname,
            ["label starting with a digit before a right-to-left letter is invalid"] = IdnHostname,
            ["left-to-right label containing a right-to-left letter is invalid"] = IdnHostname,
            ["right-to-left label mixing both digit types is invalid"] = IdnHostname,
            ["a U-label whose A-label form is longer than 63 octets is invalid"] = IdnHostname,
            ["a name longer than 253 characters is invalid"] = IdnHostname,
        },
        [("optional/format/hostname.json", "validation of A-label (punycode) host names")] = new()
        {
            ["a valid host name (example.test in Hangul)"] = Hostname,
            ["Exceptions that are PVALID, left-to-right chars"] = Hostname,
            ["Exceptions that are PVALID, right-to-left chars"] = Hostname,
            ["MIDDLE DOT with surrounding 'l's"] = Hostname,
            ["Greek KERAIA followed by Greek"] = Hostname,
            ["Hebrew GERESH preceded by Hebrew"] = Hostname,
            ["Hebrew GERSHAYIM preceded by Hebrew"] = Hostname,
            ["KATAKANA MIDDLE DOT with Hiragana"] = Hostname,
            ["KATAKANA MIDDLE DOT with Katakana"] = Hostname,
            ["KATAKANA MIDDLE DOT with Han"] = Hostname,
            ["Arabic-Indic digits not mixed with Extended Arabic-Indic digits"] = Hostname,
            ["Extended Arabic-Indic digits not mixed with Arabic-Indic digits"] = Hostname,
            ["ZERO WIDTH JOINER preceded by Virama"] = Hostname,
            ["ZERO WIDTH NON-JOINER preceded by Virama"] = Hostname,
            ["ZERO WIDTH NON-JOINER not preceded by Virama but matches regexp"] = Hostname,
        },
        [("optional/format/uri-reference.json", "validation of URI References")] = new()
        {
            ["an incomplete percent-encoding"] = UriReference,
            ["square brackets outside an authority"] = UriReference,
            ["a non-numeric port in a network-path reference"] = UriReference,
            ["more than one at-sign in the authority"] = UriReference,
            ["a leading zero in the IPv4 part of an IPv6 literal"] = UriReference,
            ["a colon in the first segment of a relative-path reference"] = UriReference,
        },
        [("optional/format/duration.json", "validation of duration strings")] = new()
        {
            ["years and days cannot appear without months"] = Duration,
            ["hours and seconds cannot appear without minutes"] = Duration,
            ["weeks cannot be combined with a time component"] = Duration,
        },
        [("optional/format/uri-template.json", "format: uri-template")] = new()
        {
            ["an empty expression is invalid"] = UriTemplate,
            ["an empty varspec inside the variable list is invalid"] = UriTemplate,
            ["a zero prefix max-length is invalid"] = UriTemplate,
            ["a five-digit prefix max-length is invalid"] = UriTemplate,
            ["a double dot in a variable name is invalid"] = UriTemplate,
            ["a leading zero in the prefix max-length is invalid"] = UriTemplate,
            ["a space in a literal is invalid"] = UriTemplate,
            ["a delete character in a literal is invalid"] = UriTemplate,
            ["a trailing comma in the variable list is invalid"] = UriTemplate,
            ["a default value in a varspec is invalid"] = UriTemplate,
            ["an operator in place of the first varspec is invalid"] = UriTemplate,
        },
        [("optional/format/uri.json", "validation of URIs")] = new()
        {
            ["invalid percent-encoding with non-hex digits"] = Uri,
            ["incomplete percent-encoding triplet"] = Uri,
            ["lone percent sign is invalid"] = Uri,
        },
    };

    public static IReadOnlyDictionary<string, string> For(string file, string group) =>
        Cases.TryGetValue((file, group), out var cases) ? cases : new Dictionary<string, string>();

    public static IEnumerable<(string File, string Group, string Test, string Reason)> All =>
        Cases.SelectMany(c => c.Value.Select(t => (c.Key.File, c.Key.Group, t.Key, t.Value)));
}
