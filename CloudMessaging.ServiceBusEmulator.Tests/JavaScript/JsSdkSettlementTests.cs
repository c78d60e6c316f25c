using CloudMessaging.ServiceBusEmulator.Tests.Conformance;

namespace CloudMessaging.ServiceBusEmulator.Tests.JavaScript;

[Trait("Category", "JavaScript")]
public sealed class JsSdkSettlementTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Complete_removes_the_message()
    {
        var result = await JsScenario.RunAsync("settlement/complete", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-complete") });

        Assert.Equal(0, result.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Abandon_redelivers_with_the_delivery_count_raised_and_the_properties_modified()
    {
        var result = await JsScenario.RunAsync("settlement/abandon", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-abandon") });

        Assert.True(result.GetProperty("sameMessage").GetBoolean());
        Assert.Equal(result.GetProperty("first").GetInt32() + 1, result.GetProperty("second").GetInt32());
        Assert.Equal("js", result.GetProperty("modifiedProperty").GetString());
    }

    [Fact]
    public async Task Dead_letter_moves_the_message_with_its_reason_to_the_receivable_dead_letter_queue()
    {
        var result = await JsScenario.RunAsync("settlement/deadLetter", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-dlq") });

        Assert.Equal("settle me", result.GetProperty("messageId").GetString());
        Assert.Equal("bad", result.GetProperty("reason").GetString());
        Assert.Equal("very bad", result.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_deferred_message_is_received_only_by_its_sequence_number()
    {
        var result = await JsScenario.RunAsync("settlement/deferAndReceiveDeferred", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-defer") });

        Assert.Equal(0, result.GetProperty("receivedWhileDeferred").GetInt32());
        Assert.Equal("settle me", result.GetProperty("deferredBody").GetString());
        Assert.Equal("deferred", result.GetProperty("state").GetString());
        Assert.Equal(0, result.GetProperty("left").GetInt32());
    }

    [Fact]
    public async Task Receive_and_delete_takes_the_messages_without_locks()
    {
        var result = await JsScenario.RunAsync("settlement/receiveAndDelete", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-rad") });

        Assert.Equal(["1", "2", "3"], result.GetProperty("bodies").Strings());
        Assert.Equal(0, result.GetProperty("lockTokens").GetInt32());
        Assert.Equal(0, result.GetProperty("left").GetInt32());
    }

    [Fact]
    public async Task An_empty_receive_returns_nothing_soon_after_max_wait_time()
    {
        var result = await JsScenario.RunAsync("settlement/emptyReceive", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-empty") });

        Assert.Equal(0, result.GetProperty("count").GetInt32());
        // maxWaitTimeInMs is 1 s; the SDK then drains the link, which must not wait for its 60 s operation timeout.
        Assert.InRange(result.GetProperty("elapsedMs").GetInt32(), 900, 5000);
    }

    [Fact]
    public async Task Renewing_a_lock_extends_it()
    {
        var result = await JsScenario.RunAsync("settlement/renewLock", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-renew") });

        Assert.True(result.GetProperty("after").GetInt64() > result.GetProperty("before").GetInt64());
        Assert.Equal(result.GetProperty("after").GetInt64(), result.GetProperty("updated").GetInt64());
    }

    [Fact]
    public async Task Completing_after_the_lock_expired_raises_MessageLockLost()
    {
        var queue = fixture.CreateQueue("js-lost", q => q with { LockDuration = TimeSpan.FromSeconds(1) });

        var error = await JsScenario.RunAsync("settlement/completeAfterLockLoss", fixture.ConnectionString, new { queue });

        Assert.Equal("MessageLockLost", error.GetProperty("code").GetString());
    }
}
