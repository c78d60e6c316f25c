using CloudMessaging.Shared.PriorityQueue;

namespace CloudMessaging.Api.PriorityQueue;

/// <summary>Turns submissions into tasks, or into errors keyed by the JSON path of the offending field.</summary>
public static class TaskSubmissionValidator
{
    public const int MaxPayloadLength = 16 * 1024;

    public const int MaxBatchSize = 1000;

    public static DispatchedTask? Validate(TaskSubmission? submission, string path, TimeSpan maxWorkTime, Dictionary<string, string[]> errors)
    {
        if (submission is null)
        {
            errors[path.Length == 0 ? "body" : path] = ["A task is required."];
            return null;
        }

        var prefix = path.Length == 0 ? "" : path + ".";
        var valid = true;
        if (!TaskPriorities.TryParse(submission.Priority, out var priority))
        {
            errors[prefix + "priority"] = [$"Priority must be one of {string.Join(", ", TaskPriorities.All.Select(p => p.Name()))}; got '{submission.Priority}'."];
            valid = false;
        }

        var work = submission.WorkMilliseconds ?? 0;
        if (work < 0 || work > maxWorkTime.TotalMilliseconds)
        {
            errors[prefix + "workMilliseconds"] = [$"Work time must be between 0 and {maxWorkTime.TotalMilliseconds:0} milliseconds; got {work}."];
            valid = false;
        }

        if (submission.Payload is { Length: > MaxPayloadLength })
        {
            errors[prefix + "payload"] = [$"Payload must be at most {MaxPayloadLength} characters."];
            valid = false;
        }

        return valid ? new DispatchedTask(Guid.NewGuid().ToString("N"), priority, new TaskWork(submission.Payload, work)) : null;
    }
}
