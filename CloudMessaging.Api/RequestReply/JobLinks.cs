namespace CloudMessaging.Api.RequestReply;

/// <summary>Where to poll (<see cref="Self"/>), listen, read the result once there is one, and cancel (DELETE) while one can.</summary>
public sealed record JobLinks(string Self, string Events, string? Result, string? Cancel)
{
    public static string StatusOf(string id) => $"/api/jobs/{id}";

    public static string ResultOf(string id) => $"/api/jobs/{id}/result";
}
