namespace CloudMessaging.Tests.Infrastructure;

/// <summary>Tests that need the running AppHost join this collection, so it starts once for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "AppHost";
}
