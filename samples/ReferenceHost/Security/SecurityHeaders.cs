namespace ProcedureForms.ReferenceHost.Security;

/// <summary>
/// What every response says about how a browser may use it. The pages load their scripts and styles from this host
/// only (no inline script, so an injected one does not run), may not be framed by any site (clickjacking), are not
/// sniffed into another type, and send no referrer to another site (a 受付番号 in a URL stays here).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of every page: this host's own scripts, styles and images, nothing framed, forms posted here only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the headers to every response.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // Not no-referrer: with it a browser sends "Origin: null" on its own form posts, which the same-origin check refuses.
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            // A PDF opens in the browser's own viewer, which a document policy can block: it gets the framing rule only.
            headers.ContentSecurityPolicy = context.Response.ContentType?.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase) == true
                ? "frame-ancestors 'none'"
                : ContentSecurityPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
