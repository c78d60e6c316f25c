using CloudMessaging.ServiceBusEmulator.Tests.Conformance;

namespace CloudMessaging.ServiceBusEmulator.Tests.JavaScript;

/// <summary>The service's error conditions reach the JavaScript SDK as the ServiceBusError codes it documents.</summary>
[Trait("Category", "JavaScript")]
public sealed class JsSdkErrorTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Sending_to_an_unknown_entity_raises_MessagingEntityNotFound()
    {
        var error = await JsScenario.RunAsync("errors/unknownEntity", fixture.ConnectionString, new { queue = "no-such-queue" });

        Assert.Equal("MessagingEntityNotFound", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_wrong_key_raises_UnauthorizedAccess()
    {
        var error = await JsScenario.RunAsync("errors/wrongKey", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-key") });

        Assert.Equal("UnauthorizedAccess", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_2_MiB_message_raises_MessageSizeExceeded()
    {
        var error = await JsScenario.RunAsync("errors/messageTooLarge", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-size") });

        Assert.Equal("MessageSizeExceeded", error.GetProperty("code").GetString());
    }
}
