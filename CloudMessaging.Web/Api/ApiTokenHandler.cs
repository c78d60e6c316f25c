using System.Net.Http.Headers;
using CloudMessaging.Web.Hosting;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Web.Api;

/// <summary>Forwards the configured bearer token (<see cref="WebOptions.ApiToken"/>) on every call to the API.</summary>
internal sealed class ApiTokenHandler(IOptions<WebOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.Value.ApiToken is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
