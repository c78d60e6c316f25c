using System.Text.Json;
using System.Text.Json.Serialization;
using CloudMessaging.Api.ClaimCheck;
using CloudMessaging.Api.CompetingConsumers;
using CloudMessaging.Api.DeadLetters;
using CloudMessaging.Api.PriorityQueue;
using CloudMessaging.Api.PubSub;

namespace CloudMessaging.Api.Input;

/// <summary>
/// The contracts of the request bodies that bind to records: camelCase names matched exactly, strict numbers, and
/// members no record defines refused (<see cref="JsonMembers"/> names them first, with their paths).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = JsonBodyReader.MaxDepth)]
[JsonSerializable(typeof(WorkItemRequest))]
[JsonSerializable(typeof(WorkBatchRequest))]
[JsonSerializable(typeof(OrderedWorkRequest))]
[JsonSerializable(typeof(TaskSubmission))]
[JsonSerializable(typeof(TaskBatchSubmission))]
[JsonSerializable(typeof(FilterChange))]
[JsonSerializable(typeof(ReplayRequest))]
[JsonSerializable(typeof(NoteRequest))]
internal sealed partial class RequestJsonContext : JsonSerializerContext;
