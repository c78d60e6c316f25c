using CloudMessaging.Api.Http;
using CloudMessaging.Api.Security;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Api.Input;
using CloudMessaging.Shared.PriorityQueue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Api.PriorityQueue;

/// <summary>
/// Priority queue: tasks are routed to <c>tasks-high</c>, <c>tasks-normal</c> or <c>tasks-low</c> by priority,
/// served by dedicated consumers per level, and escalated one level up when they have waited too long.
/// </summary>
public static class PriorityQueueEndpoints
{
    public const string Tag = "Priority queue";

    /// <summary>One task with a payload of <see cref="TaskSubmissionValidator.MaxPayloadLength"/> characters, escaped.</summary>
    public const int MaxTaskRequestBytes = 128 * 1024;

    public const int MaxBatchRequestBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapPriorityQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags(Tag).RequireAuthorization(ApiPolicies.User).AddEndpointFilter<DependencyUnavailableFilter>();

        group.MapPost("", SubmitAsync)
            .WithName("SubmitTask")
            .Accepts<TaskSubmission>("application/json")
            .Produces<TaskAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .WithSummary("Queues one task on the queue of its priority (high, normal, low); 202 with its status link.");

        group.MapPost("/batch", SubmitBatchAsync)
            .WithName("SubmitTaskBatch")
            .Accepts<TaskBatchSubmission>("application/json")
            .Produces<TaskBatchAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .WithSummary("Queues up to 1000 tasks, each on the queue of its priority; 202 with each task's status link.");

        group.MapGet("/stats", GetStatsAsync)
            .RequireAuthorization(ApiPolicies.Operator)
            .WithName("GetTaskStats")
            .WithSummary("Per priority: accepted, completed, escalated, waiting now, and queue wait p50/p95/p99 over a recent window.");

        group.MapGet("/stats/events", TaskStatsStream.StreamAsync)
            .RequireAuthorization(ApiPolicies.Operator)
            .RequireRateLimiting(RateLimitSetup.EventStreams)
            .DisableRequestTimeout()
            .WithName("StreamTaskStats")
            .WithSummary("The stats above as Server-Sent Events (event: stats), sent whenever they change.");

        group.MapGet("/{id}", GetStatusAsync)
            .WithName("GetTaskStatus")
            .Produces<TaskStatusResponse>()
            .ProducesValidationProblem()
            .WithSummary("Shows a task's state, the level serving it, its escalations and its queue wait.");

        return app;
    }

    private static async Task<IResult> SubmitAsync(
        HttpRequest request, TaskSender sender, IOptions<PriorityQueueOptions> options, CancellationToken cancellationToken)
    {
        var (submission, readError) = await TypedJsonBody.ReadAsync(request, RequestJsonContext.Default.TaskSubmission, MaxTaskRequestBytes, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (TaskSubmissionValidator.Validate(submission, "", options.Value.MaxWorkTime, errors) is not { } task)
        {
            return TypedResults.ValidationProblem(errors, title: "The task is not valid.");
        }

        if (await TrySendAsync([task], sender, cancellationToken) is { } failure)
        {
            return failure;
        }

        var accepted = Accepted(task);
        return TypedResults.Accepted(accepted.StatusUrl, accepted);
    }

    private static async Task<IResult> SubmitBatchAsync(
        HttpRequest request, TaskSender sender, IOptions<PriorityQueueOptions> options, CancellationToken cancellationToken)
    {
        var (submission, readError) = await TypedJsonBody.ReadAsync(request, RequestJsonContext.Default.TaskBatchSubmission, MaxBatchRequestBytes, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (submission?.Tasks is not { Count: > 0 and <= TaskSubmissionValidator.MaxBatchSize } submissions)
        {
            errors["tasks"] = [$"Between 1 and {TaskSubmissionValidator.MaxBatchSize} tasks are required; got {submission?.Tasks?.Count ?? 0}."];
            return TypedResults.ValidationProblem(errors, title: "The batch is not valid.");
        }

        var tasks = submissions.Select((s, i) => TaskSubmissionValidator.Validate(s, $"tasks[{i}]", options.Value.MaxWorkTime, errors)).ToList();
        if (errors.Count > 0)
        {
            // All or nothing: a batch with one bad task queues none, so a corrected resubmission cannot duplicate work.
            return TypedResults.ValidationProblem(errors, title: "The batch is not valid; no task was queued.");
        }

        var valid = tasks.Select(t => t!).ToList();
        if (await TrySendAsync(valid, sender, cancellationToken) is { } failure)
        {
            return failure;
        }

        return TypedResults.Accepted((string?)null, new TaskBatchAccepted([.. valid.Select(Accepted)]));
    }

    private static async Task<IResult> GetStatusAsync(string id, TaskStore tasks) =>
        RequestValues.CheckIdentifier(id, "id")
        ?? (await tasks.GetAsync(id) is { } record ? TypedResults.Ok(TaskStatusResponse.From(record)) : TypedResults.NotFound());

    private static async Task<Ok<TaskStatsResponse>> GetStatsAsync(TaskStatsStore stats, TimeProvider timeProvider, IOptions<PriorityQueueOptions> options) =>
        TypedResults.Ok(await TaskStatsStream.ReadAsync(stats, timeProvider, options.Value));

    private static async Task<ProblemHttpResult?> TrySendAsync(IReadOnlyList<DispatchedTask> tasks, TaskSender sender, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(tasks, cancellationToken);
            return null;
        }
        catch (ServiceBusException exception) when (exception.IsTransient)
        {
            return TypedResults.Problem(
                title: "Service Bus is unavailable; the task was not queued.",
                detail: exception.Reason.ToString(),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static TaskAccepted Accepted(DispatchedTask task) =>
        new(task.Id, task.Priority.Name(), nameof(TaskState.Queued), $"/api/tasks/{task.Id}");
}
