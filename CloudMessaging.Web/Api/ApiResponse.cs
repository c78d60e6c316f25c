namespace CloudMessaging.Web.Api;

/// <summary>
/// What one call to the API gave: the status, the body as <typeparamref name="T"/> when it succeeded, the problem when
/// it did not, and the exchange (status and protocol headers). Status 0 means the API could not be reached.
/// </summary>
public sealed record ApiResponse<T>(int Status, T? Value, ApiProblem? Problem, ApiExchange Exchange)
{
    public bool IsSuccess => Status is >= 200 and < 300 && Problem is null;

    /// <summary>The API, or a dependency it needs, is down (unreachable, 502, 503, 504): shown as such, not as bad input.</summary>
    public bool IsUnavailable => Problem?.IsUnavailable == true || Status is 502 or 503 or 504;
}
