using CloudMessaging.ServiceBusEmulator.Tests.Conformance;

namespace CloudMessaging.ServiceBusEmulator.Tests.JavaScript;

[Trait("Category", "JavaScript")]
public sealed class JsSdkSessionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private string SessionQueue(string prefix) => fixture.CreateQueue(prefix, q => q with { RequiresSession = true });

    [Fact]
    public async Task Accept_next_session_gets_the_session_with_messages_in_order_and_its_lock()
    {
        var result = await JsScenario.RunAsync("sessions/acceptNextSession", fixture.ConnectionString, new { queue = SessionQueue("js-next") });

        Assert.Equal("s1", result.GetProperty("sessionId").GetString());
        Assert.Equal(["s1-1", "s1-2"], result.GetProperty("bodies").Strings());
        Assert.True(result.GetProperty("lockedUntilSet").GetBoolean());
    }

    [Fact]
    public async Task Accept_session_by_id_receives_only_that_session()
    {
        var result = await JsScenario.RunAsync("sessions/acceptSessionById", fixture.ConnectionString, new { queue = SessionQueue("js-byid") });

        Assert.Equal("b", result.GetProperty("sessionId").GetString());
        Assert.Equal(["b-1", "b-2"], result.GetProperty("bodies").Strings());
        Assert.Equal(["b", "b"], result.GetProperty("sessionIds").Strings());
    }

    [Fact]
    public async Task Session_state_is_empty_then_what_was_set()
    {
        var result = await JsScenario.RunAsync("sessions/sessionState", fixture.ConnectionString, new { queue = SessionQueue("js-state") });

        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("initial").ValueKind);
        Assert.Equal("{\"step\":2}", result.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Renewing_the_session_lock_extends_it()
    {
        var result = await JsScenario.RunAsync("sessions/renewSessionLock", fixture.ConnectionString, new { queue = SessionQueue("js-srenew") });

        Assert.True(result.GetProperty("after").GetInt64() > result.GetProperty("before").GetInt64());
        Assert.Equal(result.GetProperty("after").GetInt64(), result.GetProperty("updated").GetInt64());
    }

    [Fact]
    public async Task Accept_next_session_without_sessions_times_out_after_the_client_timeout()
    {
        var result = await JsScenario.RunAsync("sessions/noSessionAvailable", fixture.ConnectionString, new { queue = SessionQueue("js-nosession") });

        Assert.Equal("ServiceTimeout", result.GetProperty("error").GetProperty("code").GetString());
        Assert.InRange(result.GetProperty("elapsedMs").GetInt32(), 1500, 10000);
    }
}
