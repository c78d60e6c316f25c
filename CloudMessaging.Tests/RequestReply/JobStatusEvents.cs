using System.Text.Json;

namespace CloudMessaging.Tests.RequestReply;

/// <summary>A job's event stream read as an EventSource reads it: comments skipped, one event at each blank line.</summary>
internal static class JobStatusEvents
{
    /// <summary>Reads to the end of the stream (the server closes it once the job is final).</summary>
    public static async Task<List<JobStatusEvent>> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
        }

        return Parse(lines);
    }

    public static List<JobStatusEvent> Parse(IEnumerable<string> lines)
    {
        var events = new List<JobStatusEvent>();
        string? id = null;
        string? type = null;
        var data = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    events.Add(new JobStatusEvent(id, type ?? "message", JsonSerializer.Deserialize<JobStatusDto>(string.Join('\n', data), JobApi.Json)!));
                }

                type = null;
                data.Clear();
            }
            else if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = line["id:".Length..].Trim();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line["data:".Length..].TrimStart());
            }
        }

        return events;
    }
}
