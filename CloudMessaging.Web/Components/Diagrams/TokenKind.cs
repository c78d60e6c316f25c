namespace CloudMessaging.Web.Components.Diagrams;

/// <summary>The colour of a moving token: a request, a reply or event, a failure, a dead letter.</summary>
public enum TokenKind
{
    Message,
    Reply,
    Failure,
    DeadLetter,
}
