using System.Globalization;
using System.Net.Http.Headers;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Api.Input;
using CloudMessaging.Shared;
using CloudMessaging.Shared.RequestReply;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Api.RequestReply;

/// <summary>
/// Service Bus native request-reply: the API locks a fresh session on <c>replies</c>, sends the request with
/// ReplyTo/ReplyToSessionId naming it, and waits there for the worker's answer. Only this caller can receive from the
/// session it holds, so replies cannot cross. When the wait runs out the client gets 202 and polls.
/// </summary>
public static class QuoteEndpoints
{
    private const int MaxRequestBytes = 4 * 1024;
    private static readonly TimeSpan RequestTimeToLive = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(1);

    public static RouteGroupBuilder MapQuoteEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/quotes", RequestAsync)
            .WithName("RequestQuote")
            .WithSummary("Asks a worker for a price quote over a reply session: 200 with the answer, or 202 when it takes longer than the wait (Prefer: wait=N).");

        group.MapGet("/quotes/{id}", GetAsync)
            .WithName("GetQuote")
            .WithSummary("A quote's answer once the worker has replied; 202 while it is pending.");

        return group;
    }

    private static async Task<IResult> RequestAsync(
        HttpContext context, ServiceBusClient client, JobSender sender, QuoteStore quotes,
        IOptions<RequestReplyOptions> options, CancellationToken cancellationToken)
    {
        var (wait, preferError) = Wait(context.Request, options.Value.QuoteTimeout);
        if (preferError is not null)
        {
            return preferError;
        }

        var (document, readError) = await JsonBodyReader.ReadObjectAsync(context.Request, MaxRequestBytes, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        var id = Guid.NewGuid().ToString("N");
        QuoteRequest request;
        using (document)
        {
            var (parsed, errors) = QuoteRequestValidator.Validate(document!.RootElement, id);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: "The quote request is invalid.");
            }

            request = parsed!;
        }

        await quotes.MarkPendingAsync(id);
        QuoteReply? reply;
        await using (var session = await client.AcceptSessionAsync(EntityNames.RepliesQueue, id, cancellationToken: cancellationToken))
        {
            await sender.SendQuoteAsync(request, id, RequestTimeToLive, cancellationToken);
            reply = await ReceiveAsync(session, quotes, id, wait, cancellationToken);
        }

        return reply is null ? Pending(context, id, options.Value) : TypedResults.Ok(new QuoteResponse(id, "Answered", reply, Self(id)));
    }

    private static async Task<IResult> GetAsync(
        string id, HttpContext context, ServiceBusClient client, QuoteStore quotes,
        IOptions<RequestReplyOptions> options, CancellationToken cancellationToken)
    {
        if (RequestValues.CheckIdentifier(id, "id") is { } idError)
        {
            return idError;
        }

        var (known, stored) = await quotes.FindAsync(id);
        if (!known)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown quote.", detail: $"No quote '{id}' was requested (or it expired).");
        }

        if (stored is not null)
        {
            return TypedResults.Ok(new QuoteResponse(id, "Answered", stored, Self(id)));
        }

        try
        {
            await using var session = await client.AcceptSessionAsync(EntityNames.RepliesQueue, id, cancellationToken: cancellationToken);
            if (await ReceiveAsync(session, quotes, id, PollWait, cancellationToken) is { } reply)
            {
                return TypedResults.Ok(new QuoteResponse(id, "Answered", reply, Self(id)));
            }
        }
        catch (ServiceBusException ex) when (ex.Reason == ServiceBusFailureReason.SessionCannotBeLocked)
        {
            // Another request (the original POST, or a concurrent poll) is waiting on the session right now.
        }

        return Pending(context, id, options.Value);
    }

    private static async Task<QuoteReply?> ReceiveAsync(
        ServiceBusSessionReceiver session, QuoteStore quotes, string id, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (await session.ReceiveMessageAsync(wait, cancellationToken) is not { } message)
        {
            return null;
        }

        var reply = message.Body.ToObjectFromJson<QuoteReply>(RequestReplyJson.Options);
        // Stored before the message is completed: a crash in between leaves a duplicate answer, never a lost one.
        await quotes.StoreReplyAsync(id, message.Body);
        await session.CompleteMessageAsync(message, cancellationToken);
        return reply;
    }

    /// <summary>
    /// RFC 7240 <c>Prefer: wait=N</c> shortens (never lengthens) how long the request waits for the reply. Other
    /// preferences are ignored, as the RFC asks; a <c>wait</c> that is not a whole number of seconds is a 400.
    /// </summary>
    private static (TimeSpan Wait, IResult? Error) Wait(HttpRequest request, TimeSpan limit)
    {
        foreach (var value in request.Headers["Prefer"])
        {
            foreach (var preference in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var name = preference.Split('=', 2, StringSplitOptions.TrimEntries)[0];
                if (!name.Equals("wait", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (NameValueHeaderValue.TryParse(preference, out var parsed)
                    && parsed.Value is { Length: > 0 and <= 9 } text
                    && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    return (TimeSpan.FromSeconds(Math.Min(seconds, limit.TotalSeconds)), null);
                }

                return (limit, InputProblems.Invalid("Prefer", "wait must be a whole number of seconds, such as Prefer: wait=5."));
            }
        }

        return (limit, null);
    }

    private static IResult Pending(HttpContext context, string id, RequestReplyOptions options)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(options.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted(Self(id), new QuoteResponse(id, "Pending", null, Self(id)));
    }

    private static string Self(string id) => $"/api/quotes/{id}";
}
