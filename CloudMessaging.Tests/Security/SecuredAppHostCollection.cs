namespace CloudMessaging.Tests.Security;

/// <summary>Tests of the deployed behaviour share one secured AppHost.</summary>
[CollectionDefinition(Name)]
public sealed class SecuredAppHostCollection : ICollectionFixture<SecuredAppHostFixture>
{
    public const string Name = "SecuredAppHost";
}
