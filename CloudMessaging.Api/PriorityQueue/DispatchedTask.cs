using CloudMessaging.Shared.PriorityQueue;

namespace CloudMessaging.Api.PriorityQueue;

public sealed record DispatchedTask(string Id, TaskPriority Priority, TaskWork Work);
