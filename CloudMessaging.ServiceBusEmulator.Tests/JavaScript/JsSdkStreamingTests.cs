using CloudMessaging.ServiceBusEmulator.Tests.Conformance;

namespace CloudMessaging.ServiceBusEmulator.Tests.JavaScript;

[Trait("Category", "JavaScript")]
public sealed class JsSdkStreamingTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Subscribe_with_auto_complete_handles_and_completes_every_message()
    {
        var result = await JsScenario.RunAsync("streaming/subscribeAutoComplete", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-sub-auto") });

        Assert.Equal(["a", "b", "c"], result.GetProperty("bodies").Strings());
        Assert.Equal(0, result.GetProperty("left").GetInt32());
    }

    [Fact]
    public async Task Subscribe_without_auto_complete_leaves_unsettled_messages_in_the_queue()
    {
        var result = await JsScenario.RunAsync("streaming/subscribeManualComplete", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-sub-manual") });

        Assert.Equal(["a", "b"], result.GetProperty("bodies").Strings());
        Assert.Equal(["b"], result.GetProperty("peeked").Strings());
    }

    [Fact]
    public async Task A_scheduled_message_arrives_at_its_time_and_a_cancelled_one_never()
    {
        var result = await JsScenario.RunAsync("streaming/scheduleAndCancel", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-schedule") });

        Assert.Equal(["scheduled", "scheduled"], result.GetProperty("statesBefore").Strings());
        Assert.Equal(["kept"], result.GetProperty("peekedAfter").Strings());
        Assert.True(result.GetProperty("earlyCheckedInTime").GetBoolean(), "the early receive started too close to the scheduled time to show anything");
        Assert.Equal(0, result.GetProperty("early").GetInt32());
        Assert.Equal("kept", result.GetProperty("arrived").GetString());
        Assert.True(result.GetProperty("notBefore").GetBoolean());
    }

    [Fact]
    public async Task Peek_pages_through_the_queue_without_locking()
    {
        var result = await JsScenario.RunAsync("streaming/peek", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-peek") });

        Assert.Equal(["1", "2"], result.GetProperty("firstTwo").Strings());
        Assert.Equal(["3", "4"], result.GetProperty("nextTwo").Strings());
        Assert.Equal(["1", "2", "3", "4", "5"], result.GetProperty("fromStart").Strings());
        Assert.Equal(0, result.GetProperty("lockTokens").GetInt32());
    }
}
