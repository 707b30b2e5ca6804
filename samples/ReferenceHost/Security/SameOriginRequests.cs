namespace ProcedureForms.ReferenceHost.Security;

/// <summary>
/// Refuses a state-changing request (POST, PUT, PATCH, DELETE) a browser sends from another site: sign-in (login CSRF),
/// sign-out, submissions and status changes alike. A browser names where a request comes from in <c>Origin</c> (and
/// <c>Sec-Fetch-Site</c>); the request must come from this host, or from an origin configured in
/// <c>Security:AllowedOrigins</c> (a reverse proxy that shows the site under another name). A request without either
/// header is not a browser's, so cannot be forged through one, and passes.
/// </summary>
public static class SameOriginRequests
{
    /// <summary>Adds the check.</summary>
    public static IApplicationBuilder UseSameOriginRequests(this IApplicationBuilder app, IEnumerable<string> allowedOrigins)
    {
        var allowed = allowedOrigins.Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SameOriginRequests));
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method) ||
                IsSameOrigin(request, allowed))
            {
                await next(context);
                return;
            }
            // The endpoint's route, not the path: a path holds a 受付番号 or a receipt token.
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no endpoint)";
            logger.LogWarning("Refused a {Method} to {Route} sent from another site.", request.Method, route);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new { title = "他のサイトからの送信は受け付けません。", status = 403 }, context.RequestAborted);
        });
    }

    /// <summary>Whether the request comes from this host (or an allowed origin), or from no browser at all.</summary>
    public static bool IsSameOrigin(HttpRequest request, IReadOnlySet<string> allowed)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
            // "null" (a sandboxed frame, a privacy redirect) is never this host.
            return string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase) || allowed.Contains(origin);
        // No Origin: a browser still says where a request comes from in Sec-Fetch-Site; "none" is the user's own action.
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length == 0 || site is "same-origin" or "none";
    }
}
