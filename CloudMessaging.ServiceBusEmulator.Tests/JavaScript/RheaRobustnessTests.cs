using System.Text.Json;
using CloudMessaging.ServiceBusEmulator.Tests.Conformance;

namespace CloudMessaging.ServiceBusEmulator.Tests.JavaScript;

/// <summary>
/// A plain AMQP 1.0 peer (rhea, no SDK) making protocol mistakes: each is refused on its own link, session or
/// connection with a clear condition, and a message sent afterwards is still accepted.
/// </summary>
[Trait("Category", "JavaScript")]
public sealed class RheaRobustnessTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Attaching_to_an_unknown_address_is_refused_with_not_found_on_that_link()
    {
        var result = await RunAsync("unknownAddress");

        AssertRefused(result, "amqp:not-found");
    }

    [Fact]
    public async Task A_receiver_without_a_source_is_refused_with_invalid_field()
    {
        var result = await RunAsync("noSource");

        AssertRefused(result, "amqp:invalid-field");
    }

    [Fact]
    public async Task A_sender_asking_the_broker_to_settle_second_is_refused_with_not_implemented()
    {
        var result = await RunAsync("unsupportedSettleMode");

        AssertRefused(result, "amqp:not-implemented");
    }

    [Fact]
    public async Task A_frame_over_the_negotiated_size_ends_only_its_own_connection()
    {
        var result = await RunAsync("frameTooLarge");

        Assert.Equal("disconnected", result.GetProperty("connection").GetString());
        AssertAcceptedAfterwards(result);
    }

    [Fact]
    public async Task A_transfer_on_a_detached_handle_ends_its_session_with_unattached_handle_and_the_connection_stays()
    {
        var result = await RunAsync("transferOnClosedLink");

        Assert.Equal("amqp:session:unattached-handle", result.GetProperty("error").GetProperty("condition").GetString());
        Assert.True(result.GetProperty("connectionOpen").GetBoolean());
        AssertAcceptedAfterwards(result);
    }

    [Fact]
    public async Task The_cbs_node_gives_an_unauthenticated_peer_bounded_credit_and_message_size()
    {
        var result = await JsScenario.RunAsync("robustness/nodeLimits", fixture.ConnectionString);

        Assert.InRange(result.GetProperty("cbsCredit").GetInt64(), 1, 1000);
        Assert.InRange(result.GetProperty("cbsMaxMessageSize").GetInt64(), 4096, 1024 * 1024);
    }

    [Fact]
    public async Task A_link_under_a_short_lived_token_that_is_not_renewed_is_detached_with_unauthorized_access()
    {
        var result = await JsScenario.RunAsync(
            "robustness/tokenExpiry", fixture.ConnectionString, new { queue = fixture.CreateQueue("rhea-token"), validForSeconds = 2 });

        Assert.Equal("opened", result.GetProperty("attach").GetString());
        Assert.Equal("amqp:unauthorized-access", result.GetProperty("error").GetProperty("condition").GetString());
        Assert.InRange(result.GetProperty("detachedAfterMs").GetInt32(), 0, 5000);
    }

    private Task<JsonElement> RunAsync(string scenario) =>
        JsScenario.RunAsync($"robustness/{scenario}", fixture.ConnectionString, new { queue = fixture.CreateQueue("rhea") });

    private static void AssertRefused(JsonElement result, string condition)
    {
        Assert.Equal("refused", result.GetProperty("attach").GetString());
        Assert.Equal(condition, result.GetProperty("error").GetProperty("condition").GetString());
        AssertAcceptedAfterwards(result);
    }

    private static void AssertAcceptedAfterwards(JsonElement result) =>
        Assert.Equal("accepted", result.GetProperty("after").GetProperty("outcome").GetString());
}
