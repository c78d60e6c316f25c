using System.Reflection;
using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator.Security;

namespace CloudMessaging.ServiceBusEmulator.Tests.Security;

/// <summary>
/// Checks the validator against a token made by the SDK's own code. The SDK keeps its token builder internal
/// (no public credential hands out the token string), so it is reached by reflection; if a future SDK version
/// renames it, this test says so plainly rather than silently passing.
/// </summary>
public sealed class SdkSasTokenTests
{
    private const string SdkSignatureTypeName = "Azure.Messaging.ServiceBus.Authorization.SharedAccessSignature";

    [Fact]
    public void Token_built_by_the_sdk_validates_for_an_entity_audience()
    {
        var token = CreateWithSdk(TestSasTokens.NamespaceResource, TestSasTokens.KeyName, TestSasTokens.Key, TimeSpan.FromMinutes(30));
        var validator = new SasTokenValidator(TestSasTokens.KeyName, TestSasTokens.Key, TimeProvider.System);

        var result = validator.Validate(token, "amqp://localhost/orders");

        Assert.True(result.IsValid, result.Error);
        Assert.InRange(result.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(29), DateTimeOffset.UtcNow.AddMinutes(31));
    }

    [Fact]
    public void Token_built_by_the_sdk_with_another_key_is_refused()
    {
        var token = CreateWithSdk(TestSasTokens.NamespaceResource, TestSasTokens.KeyName, "another-key", TimeSpan.FromMinutes(30));
        var validator = new SasTokenValidator(TestSasTokens.KeyName, TestSasTokens.Key, TimeProvider.System);

        Assert.Equal("signature does not match", validator.Validate(token, "amqp://localhost/orders").Error);
    }

    [Fact]
    public void Test_generator_matches_the_sdk_byte_for_byte()
    {
        var sdkToken = CreateWithSdk(TestSasTokens.NamespaceResource, TestSasTokens.KeyName, TestSasTokens.Key, TimeSpan.FromMinutes(30));
        var expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(TestSasTokens.FieldValue(sdkToken, "se"), System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(sdkToken, TestSasTokens.Create(TestSasTokens.NamespaceResource, expiry));
    }

    private static string CreateWithSdk(string resource, string keyName, string key, TimeSpan validity)
    {
        var type = typeof(ServiceBusClient).Assembly.GetType(SdkSignatureTypeName)
            ?? throw new InvalidOperationException($"{SdkSignatureTypeName} is no longer in Azure.Messaging.ServiceBus; update this test.");
        var signature = Activator.CreateInstance(
            type,
            BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic,
            binder: null,
            args: [resource, keyName, key, (TimeSpan?)validity],
            culture: null)!;
        return signature.ToString()!;
    }
}
