namespace CloudMessaging.Shared.RequestReply;

/// <summary>The <c>jobs</c> queue carries two kinds of request, told apart by the message's Subject.</summary>
public static class MessageSubjects
{
    public const string Job = "job";

    public const string Quote = "quote";
}
