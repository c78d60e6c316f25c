using CloudMessaging.ServiceBusEmulator.Tests.Conformance;

namespace CloudMessaging.ServiceBusEmulator.Tests.JavaScript;

/// <summary>
/// @azure/service-bus sends JSON, string, number, boolean, Date and Buffer bodies, raw AMQP value and sequence bodies,
/// and every property type; each test checks they all come back as sent (the scenario lists any difference).
/// </summary>
[Trait("Category", "JavaScript")]
public sealed class JsSdkMessageTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData("sendOneByOne")]
    [InlineData("sendArray")]
    [InlineData("sendBatch")]
    public async Task Every_body_and_property_type_round_trips(string scenario)
    {
        var result = await JsScenario.RunAsync($"messages/{scenario}", fixture.ConnectionString, new { queue = fixture.CreateQueue("js-types") });

        Assert.Equal(result.GetProperty("sent").GetInt32(), result.GetProperty("received").GetInt32());
        Assert.Equal("[]", result.GetProperty("mismatches").GetRawText());
    }
}
