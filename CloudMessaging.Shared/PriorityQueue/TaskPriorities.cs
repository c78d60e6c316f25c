using System.Diagnostics.CodeAnalysis;

namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>Maps each priority to its queue, its wire name and the level an ageing task is escalated to.</summary>
public static class TaskPriorities
{
    /// <summary>Highest first, the order in which stats are reported and levels are described.</summary>
    public static readonly IReadOnlyList<TaskPriority> All = [TaskPriority.High, TaskPriority.Normal, TaskPriority.Low];

    public static string QueueName(this TaskPriority priority) => priority switch
    {
        TaskPriority.High => EntityNames.TasksHighQueue,
        TaskPriority.Normal => EntityNames.TasksNormalQueue,
        TaskPriority.Low => EntityNames.TasksLowQueue,
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };

    /// <summary>The lower-case name used in HTTP, message properties and Redis keys.</summary>
    public static string Name(this TaskPriority priority) => priority switch
    {
        TaskPriority.High => "high",
        TaskPriority.Normal => "normal",
        TaskPriority.Low => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };

    /// <summary>The level a task waiting too long at <paramref name="priority"/> moves to; high has none.</summary>
    public static bool TryGetNextUp(this TaskPriority priority, out TaskPriority nextUp)
    {
        nextUp = priority switch
        {
            TaskPriority.Low => TaskPriority.Normal,
            TaskPriority.Normal => TaskPriority.High,
            _ => priority,
        };
        return nextUp != priority;
    }

    public static bool TryParse([NotNullWhen(true)] string? value, out TaskPriority priority)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(value?.Trim(), candidate.Name(), StringComparison.OrdinalIgnoreCase))
            {
                priority = candidate;
                return true;
            }
        }

        priority = default;
        return false;
    }
}
