using System.Net;
using CloudMessaging.ServiceBusEmulator.Security;
using Microsoft.Extensions.Time.Testing;

namespace CloudMessaging.ServiceBusEmulator.Tests.Security;

public sealed class SasTokenValidatorTests
{
    private const string QueueAudience = "amqp://localhost/orders";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
    private readonly SasTokenValidator validator;

    public SasTokenValidatorTests() => validator = new SasTokenValidator(TestSasTokens.KeyName, TestSasTokens.Key, time);

    private DateTimeOffset InThirtyMinutes => time.GetUtcNow().AddMinutes(30);

    [Theory]
    [InlineData("amqp://localhost/orders")]
    [InlineData("amqp://localhost/orders/$management")]
    [InlineData("amqp://localhost/events/Subscriptions/audit")]
    [InlineData("amqp://localhost/events/Subscriptions/audit/$DeadLetterQueue")]
    [InlineData("amqp://localhost/")]
    public void Sdk_style_namespace_token_is_valid_for_every_entity_audience(string audience)
    {
        var token = TestSasTokens.Create(TestSasTokens.NamespaceResource, InThirtyMinutes);

        var result = validator.Validate(token, audience);

        Assert.Equal(SasValidationResult.Valid(InThirtyMinutes), result);
    }

    [Fact]
    public void Valid_result_reports_the_expiry()
    {
        var expiry = new DateTimeOffset(2026, 11, 29, 0, 30, 0, TimeSpan.Zero);

        var result = validator.Validate(TestSasTokens.Create(TestSasTokens.NamespaceResource, expiry), QueueAudience);

        Assert.True(result.IsValid);
        Assert.Null(result.Error);
        Assert.Equal(expiry, result.ExpiresAt);
    }

    [Theory]
    [InlineData("sb://localhost:5673/", "amqp://localhost/orders")]
    [InlineData("amqps://LOCALHOST/", "amqp://localhost:5672/orders")]
    [InlineData("amqps://localhost/Orders", "amqp://localhost/orders/$management")]
    [InlineData("amqps://localhost/events/subscriptions/AUDIT", "amqp://localhost/events/Subscriptions/audit")]
    [InlineData("amqps://localhost/%24management", "amqp://localhost/$management")]
    [InlineData("localhost/orders", "amqp://localhost/orders")]
    [InlineData("amqps://[::1]:5671/", "amqp://[::1]/orders")]
    public void Resource_covers_the_audience_whatever_the_scheme_port_and_case(string resource, string audience)
    {
        var result = validator.Validate(TestSasTokens.Create(resource, InThirtyMinutes), audience);

        Assert.True(result.IsValid, result.Error);
    }

    [Theory]
    [InlineData("amqps://localhost/orders", "amqp://localhost/orders2")]
    [InlineData("amqps://localhost/orders", "amqp://localhost/invoices")]
    [InlineData("amqps://localhost/orders", "amqp://localhost/")]
    [InlineData("amqps://localhost/events/Subscriptions/audit", "amqp://localhost/events/Subscriptions/billing")]
    [InlineData("amqps://otherhost/", "amqp://localhost/orders")]
    [InlineData("amqps://localhost/", "amqp://localhost.evil.example/orders")]
    public void Audience_outside_the_resource_is_refused(string resource, string audience)
    {
        var result = validator.Validate(TestSasTokens.Create(resource, InThirtyMinutes), audience);

        Assert.Equal(new SasValidationResult(false, "resource does not cover audience"), result);
    }

    [Fact]
    public void Token_signed_with_another_key_is_refused()
    {
        var token = TestSasTokens.Create(TestSasTokens.NamespaceResource, InThirtyMinutes, key: "not-the-key");

        Assert.Equal(new SasValidationResult(false, "signature does not match"), validator.Validate(token, QueueAudience));
    }

    [Fact]
    public void Token_with_another_key_name_is_refused()
    {
        var token = TestSasTokens.Create(TestSasTokens.NamespaceResource, InThirtyMinutes, keyName: "SendOnly");

        Assert.Equal(new SasValidationResult(false, "key name unknown"), validator.Validate(token, QueueAudience));
    }

    [Fact]
    public void Key_name_is_case_sensitive()
    {
        var token = TestSasTokens.Create(TestSasTokens.NamespaceResource, InThirtyMinutes, keyName: TestSasTokens.KeyName.ToUpperInvariant());

        Assert.Equal("key name unknown", validator.Validate(token, QueueAudience).Error);
    }

    [Fact]
    public void Token_is_refused_once_its_expiry_is_reached()
    {
        var token = TestSasTokens.Create(TestSasTokens.NamespaceResource, InThirtyMinutes);
        Assert.True(validator.Validate(token, QueueAudience).IsValid);

        time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.True(validator.Validate(token, QueueAudience).IsValid);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new SasValidationResult(false, "token expired"), validator.Validate(token, QueueAudience));
    }

    [Fact]
    public void Token_expired_when_issued_is_refused()
    {
        var token = TestSasTokens.Create(TestSasTokens.NamespaceResource, time.GetUtcNow().AddHours(-1));

        Assert.Equal("token expired", validator.Validate(token, QueueAudience).Error);
    }

    [Fact]
    public void Tampered_signature_is_refused()
    {
        var token = TestSasTokens.Create(TestSasTokens.NamespaceResource, InThirtyMinutes);
        var signature = Convert.FromBase64String(WebUtility.UrlDecode(TestSasTokens.FieldValue(token, "sig")));
        signature[7] ^= 0x01;
        var tampered = TestSasTokens.WithField(token, "sig", WebUtility.UrlEncode(Convert.ToBase64String(signature)));

        Assert.Equal("signature does not match", validator.Validate(tampered, QueueAudience).Error);
    }

    [Fact]
    public void Truncated_signature_is_refused()
    {
        var token = TestSasTokens.Create(TestSasTokens.NamespaceResource, InThirtyMinutes);
        var signature = Convert.FromBase64String(WebUtility.UrlDecode(TestSasTokens.FieldValue(token, "sig")))[..16];
        var tampered = TestSasTokens.WithField(token, "sig", WebUtility.UrlEncode(Convert.ToBase64String(signature)));

        Assert.Equal("signature does not match", validator.Validate(tampered, QueueAudience).Error);
    }

    [Fact]
    public void Extending_the_expiry_breaks_the_signature()
    {
        var token = TestSasTokens.Create(TestSasTokens.NamespaceResource, time.GetUtcNow().AddMinutes(-1));
        var extended = TestSasTokens.WithField(token, "se", InThirtyMinutes.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("signature does not match", validator.Validate(extended, QueueAudience).Error);
    }

    [Fact]
    public void Widening_the_resource_breaks_the_signature()
    {
        var token = TestSasTokens.Create("amqps://localhost/invoices", InThirtyMinutes);
        var widened = TestSasTokens.WithField(token, "sr", WebUtility.UrlEncode(TestSasTokens.NamespaceResource));

        Assert.Equal("signature does not match", validator.Validate(widened, QueueAudience).Error);
    }

    [Fact]
    public void Signature_covers_the_resource_as_sent_not_as_decoded()
    {
        // Same decoded resource, different encoding: the SDK signs the encoded text, so this must not verify.
        var token = TestSasTokens.Create(TestSasTokens.NamespaceResource, InThirtyMinutes);
        var reencoded = TestSasTokens.WithField(token, "sr", "amqps%3a%2f%2flocalhost%2f");

        Assert.Equal("signature does not match", validator.Validate(reencoded, QueueAudience).Error);
    }

    [Fact]
    public void Fields_may_come_in_any_order()
    {
        var token = TestSasTokens.Create(TestSasTokens.NamespaceResource, InThirtyMinutes);
        var fields = token["SharedAccessSignature ".Length..].Split('&').Reverse();

        var result = validator.Validate("SharedAccessSignature " + string.Join('&', fields), QueueAudience);

        Assert.True(result.IsValid, result.Error);
    }

    [Fact]
    public void Key_with_non_ascii_characters_is_used_as_utf8()
    {
        const string Key = "clé-secrète-ß";
        var utf8Validator = new SasTokenValidator(TestSasTokens.KeyName, Key, time);

        var result = utf8Validator.Validate(TestSasTokens.Create(TestSasTokens.NamespaceResource, InThirtyMinutes, key: Key), QueueAudience);

        Assert.True(result.IsValid, result.Error);
    }

    [Theory]
    [InlineData("", "the token is empty")]
    [InlineData("   ", "the token is empty")]
    [InlineData("Bearer eyJhbGciOi", "it does not start with 'SharedAccessSignature '")]
    [InlineData("SharedAccessSignature sr=amqps%3A%2F%2Flocalhost%2F&se=1900000000&skn=RootManageSharedAccessKey", "field 'sig' is missing")]
    [InlineData("SharedAccessSignature sig=AAAA&se=1900000000&skn=RootManageSharedAccessKey", "field 'sr' is missing")]
    [InlineData("SharedAccessSignature sr=x&sig=AAAA&skn=RootManageSharedAccessKey", "field 'se' is missing")]
    [InlineData("SharedAccessSignature sr=x&sig=AAAA&se=1900000000", "field 'skn' is missing")]
    [InlineData("SharedAccessSignature sr=x&sig=AAAA&se=soon&skn=k", "'se' is not a Unix time in seconds")]
    [InlineData("SharedAccessSignature sr=x&sig=AAAA&se=-5&skn=k", "'se' is not a Unix time in seconds")]
    [InlineData("SharedAccessSignature sr=x&sig=AAAA&se=99999999999999999&skn=k", "'se' is not a Unix time in seconds")]
    [InlineData("SharedAccessSignature sr=x&sig=not*base64&se=1900000000&skn=k", "'sig' is not base64")]
    [InlineData("SharedAccessSignature sr=x&sr=y&sig=AAAA&se=1900000000&skn=k", "field 'sr' is given more than once")]
    [InlineData("SharedAccessSignature sr=x&sig&se=1900000000&skn=k", "'sig' is not a field=value pair")]
    [InlineData("SharedAccessSignature sr=&sig=AAAA&se=1900000000&skn=k", "'sr=' is not a field=value pair")]
    public void Malformed_token_is_refused_with_the_reason(string token, string reason)
    {
        var result = validator.Validate(token, QueueAudience);

        Assert.False(result.IsValid);
        Assert.Equal($"malformed token: {reason}", result.Error);
    }

    [Fact]
    public void Constructor_rejects_missing_key_material()
    {
        Assert.Throws<ArgumentException>(() => new SasTokenValidator("", TestSasTokens.Key, time));
        Assert.Throws<ArgumentException>(() => new SasTokenValidator(TestSasTokens.KeyName, "", time));
        Assert.Throws<ArgumentNullException>(() => new SasTokenValidator(TestSasTokens.KeyName, TestSasTokens.Key, null!));
    }
}
