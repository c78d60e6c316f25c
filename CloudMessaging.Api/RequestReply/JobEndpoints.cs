using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CloudMessaging.Api.Input;
using CloudMessaging.Shared.RequestReply;
using CloudMessaging.Api.Security;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Api.RequestReply;

/// <summary>
/// Asynchronous request-reply over HTTP: submit a job (202 + Location + Retry-After), poll its status (303 to the
/// result once it succeeded), read the result, cancel it, or listen to its status changes as Server-Sent Events.
/// </summary>
public static class JobEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public const string CorrelationIdHeader = "X-Correlation-Id";

    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/jobs", SubmitAsync)
            .WithName("SubmitJob")
            .WithSummary("Accepts a long-running job: 202 with Location and Retry-After. Honours Idempotency-Key.");

        group.MapGet("/jobs/{id}", GetStatusAsync)
            .WithName("GetJobStatus")
            .WithSummary("A job's status: 200 while queued or running (with Retry-After), 303 to the result once succeeded.");

        group.MapGet("/jobs/{id}/result", GetResultAsync)
            .WithName("GetJobResult")
            .WithSummary("A succeeded job's result; 404 until there is one.");

        group.MapDelete("/jobs/{id}", CancelAsync)
            .RefuseBody()
            .WithName("CancelJob")
            .WithSummary("Cancels a queued or running job; 409 once it has finished.");

        group.MapGet("/jobs/{id}/events", JobEventStream.StreamAsync)
            .RequireRateLimiting(RateLimitSetup.EventStreams)
            .DisableRequestTimeout()
            .WithName("StreamJobEvents")
            .WithSummary("Streams a job's status changes as Server-Sent Events until it reaches a final state.");

        return group;
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext context, JobStore store, JobSender queue, FaultInjection faults, IOptions<RequestReplyOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (idempotencyKey, keyError) = RequestValues.OptionalHeader(context.Request, IdempotencyKeyHeader);
        var (givenCorrelationId, correlationError) = RequestValues.OptionalHeader(context.Request, CorrelationIdHeader);
        if ((keyError ?? correlationError) is { } headerError)
        {
            return headerError;
        }

        var (document, readError) = await JsonBodyReader.ReadObjectAsync(context.Request, settings.MaxRequestBytes, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        JobSubmission submission;
        using (document)
        {
            var (parsed, errors) = JobSubmissionValidator.Validate(document!.RootElement, settings);
            if (parsed is null)
            {
                return TypedResults.ValidationProblem(errors, title: "The job request is invalid.");
            }

            submission = parsed;
        }

        if (faults.Refuse(("failure", submission.Failure != JobFailureMode.None)) is { } refused)
        {
            return refused;
        }

        var id = Guid.NewGuid().ToString("N");
        var traceId = Activity.Current?.TraceId.ToString();
        var job = submission.ToMessage(id);

        // The status exists before the key points at it, so whoever finds the key also finds the job.
        var created = await store.CreateAsync(job, traceId);

        // Keys are the caller's own: another caller's same key binds its own job and learns nothing of this one.
        var callerKey = idempotencyKey is null ? null : Caller.Scope(context.User, idempotencyKey);
        if (callerKey is not null && await store.BindIdempotencyKeyAsync(callerKey, submission.Fingerprint, id) is var (fingerprint, existingId))
        {
            await store.DeleteAsync(id);
            if (fingerprint != submission.Fingerprint)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "The Idempotency-Key was already used with a different request.",
                    detail: $"Key '{idempotencyKey}' belongs to job {existingId}, submitted with another body.",
                    extensions: new Dictionary<string, object?> { ["field"] = IdempotencyKeyHeader, ["jobId"] = existingId });
            }

            if (await store.GetAsync(existingId) is not { } existing)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "The job this Idempotency-Key names has expired.");
            }

            context.Response.Headers["Idempotent-Replayed"] = "true";
            return Accepted(context, existing, settings);
        }

        try
        {
            var correlationId = givenCorrelationId ?? traceId ?? id;
            await queue.SendJobAsync(job, correlationId, cancellationToken);
        }
        catch
        {
            // Nothing was enqueued: leave no status behind that would stay Queued forever, and free the key for a retry.
            await store.DeleteAsync(id);
            if (callerKey is not null)
            {
                await store.ReleaseIdempotencyKeyAsync(callerKey);
            }

            throw;
        }

        return Accepted(context, created, settings);
    }

    private static async Task<IResult> GetStatusAsync(string id, HttpContext context, JobStore store, IOptions<RequestReplyOptions> options)
    {
        if (RequestValues.CheckIdentifier(id, "id") is { } idError)
        {
            return idError;
        }

        if (await store.GetAsync(id) is not { } record)
        {
            return UnknownJob(id);
        }

        switch (record.Status)
        {
            case JobStatus.Succeeded:
                context.Response.Headers.Location = JobLinks.ResultOf(id);
                return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
            case JobStatus.Queued or JobStatus.Running:
                SetRetryAfter(context, options.Value);
                break;
        }

        return TypedResults.Ok(JobStatusResponse.From(record));
    }

    private static async Task<IResult> GetResultAsync(string id, JobStore store)
    {
        if (RequestValues.CheckIdentifier(id, "id") is { } idError)
        {
            return idError;
        }

        if (await store.GetAsync(id) is not { } record)
        {
            return UnknownJob(id);
        }

        if (record is not { Status: JobStatus.Succeeded, Result: { } result })
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "The job has no result.",
                detail: $"Job {id} is {record.Status}; a result exists only once it has succeeded.");
        }

        using var document = JsonDocument.Parse(result);
        return TypedResults.Ok(new JobResultResponse(record.Id, record.Kind, record.CompletedAt, record.Replica, document.RootElement.Clone()));
    }

    private static async Task<IResult> CancelAsync(string id, JobStore store)
    {
        if (RequestValues.CheckIdentifier(id, "id") is { } idError)
        {
            return idError;
        }

        var cancellation = await store.CancelAsync(id);
        return cancellation.Outcome switch
        {
            JobCancellationOutcome.Unknown => UnknownJob(id),
            JobCancellationOutcome.AlreadyFinal => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The job has already finished.",
                detail: $"Job {id} is {cancellation.Record!.Status}; only a queued or running job can be cancelled."),
            _ => TypedResults.Ok(JobStatusResponse.From(cancellation.Record!)),
        };
    }

    internal static IResult UnknownJob(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown job.", detail: $"No job '{id}' exists (or its status expired).");

    private static IResult Accepted(HttpContext context, JobRecord record, RequestReplyOptions options)
    {
        SetRetryAfter(context, options);
        return TypedResults.Accepted(JobLinks.StatusOf(record.Id), JobStatusResponse.From(record));
    }

    private static void SetRetryAfter(HttpContext context, RequestReplyOptions options) =>
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(options.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
