using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CloudMessaging.Tests.Durability;

/// <summary>
/// The API as a patient client calls it across a restart on a loaded machine: a 503 (a dependency timed out; the
/// API says retry later and accepted nothing) or a request that timed out is tried again, until the deadline.
/// </summary>
internal sealed class RetryingApi(HttpClient http, TimeSpan timeout)
{
    /// <summary>Posts until the API answers 202, and returns the body it answered with.</summary>
    public Task<T> PostAcceptedAsync<T>(string path, object body, JsonSerializerOptions? json = null)
        where T : class =>
        Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await SendAsync(() => http.PostAsJsonAsync(path, body, json ?? JsonSerializerOptions.Web));
                if (response is null)
                {
                    return null;
                }

                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                return await response.Content.ReadFromJsonAsync<T>(json ?? JsonSerializerOptions.Web);
            },
            timeout,
            $"POST {path} to be accepted");

    /// <summary>Polls until <paramref name="done"/> holds for what GET answers, and returns that.</summary>
    public Task<T> GetUntilAsync<T>(string path, Func<T, bool> done, string because, JsonSerializerOptions? json = null)
        where T : class =>
        Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await SendAsync(() => http.GetAsync(path));
                if (response is null)
                {
                    return null;
                }

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var value = await response.Content.ReadFromJsonAsync<T>(json ?? JsonSerializerOptions.Web);
                return value is not null && done(value) ? value : null;
            },
            timeout,
            because,
            TimeSpan.FromMilliseconds(500));

    // Null for a 503 or a timeout: worth another try.
    private static async Task<HttpResponseMessage?> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return response;
            }

            response.Dispose();
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
}
