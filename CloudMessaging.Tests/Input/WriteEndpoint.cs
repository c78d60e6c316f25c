using CloudMessaging.Shared;

namespace CloudMessaging.Tests.Input;

/// <summary>
/// A write endpoint of the API as the malformed-input corpus sees it: where it is, the body limit it declares, a
/// string member and a number member it defines (the corpus breaks those), and the entities it would send to.
/// </summary>
public sealed record WriteEndpoint(
    string Name,
    HttpMethod Method,
    string Path,
    int? MaxBytes,
    string StringMember,
    string NumberMember,
    params string[] Entities)
{
    /// <summary>An endpoint that takes no body refuses every body with 400.</summary>
    public bool TakesBody => MaxBytes is not null;

    public override string ToString() => Name;

    /// <summary>Every POST, PUT and DELETE of the API but <c>POST /api/documents</c>, whose body is any bytes by design.</summary>
    public static readonly IReadOnlyList<WriteEndpoint> All =
    [
        Json("jobs", HttpMethod.Post, "/api/jobs", 64 * 1024, "kind", "durationMs", EntityNames.JobsQueue),
        Json("quotes", HttpMethod.Post, "/api/quotes", 4 * 1024, "product", "quantity", EntityNames.JobsQueue),
        Json("order-events", HttpMethod.Post, "/api/orders/events", 1024 * 1024, "type", "type", EntityNames.OrdersTopic),
        Json("subscriber-filter", HttpMethod.Put, "/api/subscribers/billing/filter", 8 * 1024, "sql", "sql"),
        Json("document-notes", HttpMethod.Post, "/api/documents/notes", 8 * 1024 * 1024, "title", "title", EntityNames.DocumentNotesQueue),
        Json("tasks", HttpMethod.Post, "/api/tasks", 128 * 1024, "priority", "workMilliseconds",
            EntityNames.TasksHighQueue, EntityNames.TasksNormalQueue, EntityNames.TasksLowQueue),
        Json("task-batch", HttpMethod.Post, "/api/tasks/batch", 1024 * 1024, "tasks", "tasks",
            EntityNames.TasksHighQueue, EntityNames.TasksNormalQueue, EntityNames.TasksLowQueue),
        Json("orders", HttpMethod.Post, "/api/orders", 16 * 1024, "customerId", "amount", EntityNames.SagaQueue),
        Json("work", HttpMethod.Post, "/api/work", 4 * 1024, "id", "handlerMilliseconds", EntityNames.WorkQueue),
        Json("work-batch", HttpMethod.Post, "/api/work/batch", 4 * 1024, "count", "count", EntityNames.WorkQueue),
        Json("work-ordered", HttpMethod.Post, "/api/work/ordered", 4 * 1024, "keys", "keys", EntityNames.WorkOrderedQueue),
        Json("replay-queue", HttpMethod.Post, "/api/deadletters/work/replay", 256 * 1024, "messageIds", "all", EntityNames.WorkQueue),
        Json("replay-subscription", HttpMethod.Post, "/api/deadletters/orders/subscriptions/billing/replay", 256 * 1024, "messageIds", "all", EntityNames.OrdersTopic),
        NoBody("smoke", HttpMethod.Post, "/api/smoke", EntityNames.SmokeQueue),
        NoBody("cancel-job", HttpMethod.Delete, $"/api/jobs/{Guid.NewGuid():N}"),
        NoBody("fail-subscriber", HttpMethod.Put, "/api/subscribers/billing/failure"),
        NoBody("restore-subscriber", HttpMethod.Delete, "/api/subscribers/billing/failure"),
    ];

    private static WriteEndpoint Json(string name, HttpMethod method, string path, int maxBytes, string text, string number, params string[] entities) =>
        new(name, method, path, maxBytes, text, number, entities);

    private static WriteEndpoint NoBody(string name, HttpMethod method, string path, params string[] entities) =>
        new(name, method, path, null, "id", "count", entities);
}
