namespace CloudMessaging.Web.Components.Pages.Namespace;

/// <summary>The body of the API's dead-letter replay: every message (<c>all</c>) or the given ids, never both.</summary>
public sealed record ReplayRequestBody(bool? All, IReadOnlyList<string>? MessageIds);

public sealed record ReplayResultView(string Entity, string SentTo, int Replayed, IReadOnlyList<string> ReplayedIds, IReadOnlyList<string> NotFound);
