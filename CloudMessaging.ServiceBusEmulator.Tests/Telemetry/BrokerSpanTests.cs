using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator.Tests.Conformance;

namespace CloudMessaging.ServiceBusEmulator.Tests.Telemetry;

/// <summary>The broker's spans join the producer's trace through the official SDK, over TCP.</summary>
public sealed class BrokerSpanTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly SpanRecorder _spans = new();

    public void Dispose() => _spans.Dispose();

    [Theory]
    [InlineData("Diagnostic-Id")]
    [InlineData("traceparent")]
    public async Task A_send_carrying_a_trace_context_is_a_server_span_of_that_trace_naming_entity_message_and_sequence_number(string property)
    {
        var queue = fixture.CreateQueue("span-send");
        var producer = SpanRecorder.NewProducerContext();
        await using var sender = fixture.Client.CreateSender(queue);

        await sender.SendMessageAsync(Traced(producer, "m1", property));

        var span = await _spans.WaitForAsync(producer.TraceId, $"send {queue}");
        Assert.Equal(producer.SpanId, span.ParentSpanId);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("servicebus", span.GetTagItem("messaging.system"));
        Assert.Equal("send", span.GetTagItem("messaging.operation.type"));
        Assert.Equal(queue, span.GetTagItem("messaging.destination.name"));
        Assert.Equal("m1", span.GetTagItem("messaging.message.id"));
        Assert.Equal(1L, span.GetTagItem("messaging.servicebus.message.sequence_number"));
    }

    [Fact]
    public async Task Complete_and_dead_letter_are_children_of_the_send_and_the_dead_letter_queue_arrival_a_child_of_the_dead_lettering()
    {
        var queue = fixture.CreateQueue("span-settle");
        var producer = SpanRecorder.NewProducerContext();
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessagesAsync([Traced(producer, "good"), Traced(producer, "poison")]);

        var good = await receiver.ReceiveMessageAsync(Wait);
        var poison = await receiver.ReceiveMessageAsync(Wait);
        await receiver.CompleteMessageAsync(good);
        await receiver.DeadLetterMessageAsync(poison, "BadInput", "cannot parse");

        var sends = _spans.InTrace(producer.TraceId).Where(s => s.DisplayName == $"send {queue}").ToDictionary(s => (string)s.GetTagItem("messaging.message.id")!);
        var complete = await _spans.WaitForAsync(producer.TraceId, $"complete {queue}");
        Assert.Equal(sends["good"].SpanId, complete.ParentSpanId);
        Assert.Equal("complete", complete.GetTagItem("messaging.servicebus.disposition_status"));
        Assert.Equal(1, complete.GetTagItem("messaging.servicebus.message.delivery_count"));

        var deadLetter = await _spans.WaitForAsync(producer.TraceId, $"dead_letter {queue}");
        Assert.Equal(sends["poison"].SpanId, deadLetter.ParentSpanId);
        Assert.Equal("dead_letter", deadLetter.GetTagItem("messaging.servicebus.disposition_status"));
        Assert.Equal("BadInput", deadLetter.GetTagItem("messaging.servicebus.dead_letter_reason"));
        var arrival = await _spans.WaitForAsync(producer.TraceId, $"send {queue}/$DeadLetterQueue");
        Assert.Equal(deadLetter.SpanId, arrival.ParentSpanId);
    }

    [Fact]
    public async Task A_topic_send_is_one_span_whose_children_are_the_arrivals_in_each_subscription_it_lands_in()
    {
        var topic = fixture.CreateTopic(
            "span-topic",
            TopicSubscriptions.All("all"),
            TopicSubscriptions.Sql("red", "color = 'red'"),
            TopicSubscriptions.Sql("blue", "color = 'blue'"));
        var producer = SpanRecorder.NewProducerContext();
        await using var sender = fixture.Client.CreateSender(topic);
        var message = Traced(producer, "e1");
        message.ApplicationProperties["color"] = "red";

        await sender.SendMessageAsync(message);

        var topicSpan = await _spans.WaitForAsync(producer.TraceId, $"send {topic}");
        Assert.Equal(producer.SpanId, topicSpan.ParentSpanId);
        var all = await _spans.WaitForAsync(producer.TraceId, $"send {topic}/Subscriptions/all");
        var red = await _spans.WaitForAsync(producer.TraceId, $"send {topic}/Subscriptions/red");
        Assert.All([all, red], s => Assert.Equal(topicSpan.SpanId, s.ParentSpanId));
        Assert.Equal("red", red.GetTagItem("messaging.destination.subscription.name"));
        Assert.DoesNotContain(_spans.InTrace(producer.TraceId), s => s.DisplayName.EndsWith("/blue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_without_a_trace_context_makes_no_span()
    {
        var queue = fixture.CreateQueue("span-none");
        var producer = SpanRecorder.NewProducerContext();
        await using var sender = fixture.Client.CreateSender(queue);
        var untraced = new ServiceBusMessage("x") { MessageId = $"untraced-{Guid.NewGuid():N}" };

        // The traced message follows on the same link, so once its span is there the untraced one's would be too.
        await sender.SendMessageAsync(untraced);
        await sender.SendMessageAsync(Traced(producer, "traced"));

        await _spans.WaitForAsync(producer.TraceId, $"send {queue}");
        Assert.DoesNotContain(_spans.All, s => Equals(s.GetTagItem("messaging.message.id"), untraced.MessageId));
    }

    private static ServiceBusMessage Traced(ActivityContext producer, string messageId, string property = "Diagnostic-Id") =>
        new("body") { MessageId = messageId, ApplicationProperties = { [property] = SpanRecorder.TraceParentOf(producer) } };
}
