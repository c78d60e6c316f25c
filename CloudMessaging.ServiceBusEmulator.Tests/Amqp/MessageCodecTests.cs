using CloudMessaging.ServiceBusEmulator.Amqp;
using CloudMessaging.ServiceBusEmulator.Broker;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace CloudMessaging.ServiceBusEmulator.Tests.Amqp;

public sealed class MessageCodecTests
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Delivery_keeps_every_sender_section_and_adds_broker_annotations(bool withHeader, bool withOverrides)
    {
        var stored = MessageCodec.Decode(Encode(SenderMessage(withHeader)));
        stored.SequenceNumber = 42;
        stored.EnqueuedTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (withOverrides)
        {
            stored.SetPropertyOverride("extra", "added");
        }

        var lockedUntil = stored.EnqueuedTime.AddMinutes(1);
        var delivery = new MessageDelivery(stored, Guid.NewGuid(), lockedUntil, 2, MessageState.Active);

        using var received = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([MessageCodec.Encode(delivery, includeLock: true)]));

        Assert.Equal(2u, received.Header.DeliveryCount);
        Assert.Equal("id-1", received.Properties.MessageId.ToString());
        Assert.Equal("subject", received.Properties.Subject);
        Assert.Equal(7, received.ApplicationProperties.Map["n"]);
        Assert.Equal(42L, received.MessageAnnotations.Map[new MapKey(new AmqpSymbol("x-opt-sequence-number"))]);
        Assert.Equal(lockedUntil.UtcDateTime, received.MessageAnnotations.Map[new MapKey(new AmqpSymbol("x-opt-locked-until"))]);
        Assert.Equal("pk", received.MessageAnnotations.Map[new MapKey(new AmqpSymbol("x-opt-partition-key"))]);
        Assert.Equal(new byte[] { 1, 2, 3 }, ((ArraySegment<byte>)received.DataBody.Single().Value).ToArray());
        if (withHeader)
        {
            Assert.Equal(60_000u, received.Header.Ttl);
        }

        if (withOverrides)
        {
            Assert.Equal("added", received.ApplicationProperties.Map["extra"]);
        }
    }

    [Fact]
    public void Sdk_encoding_without_header_or_annotations_gets_both()
    {
        // What Azure.Messaging.ServiceBus 7.21 sends for new ServiceBusMessage("hello") { MessageId = "m1", Subject = "greeting" }.
        var stored = MessageCodec.Decode(Convert.FromHexString(
            "005373C01A0DA1026D314040A1086772656574696E67404040404040404040005375A00568656C6C6F"));
        stored.SequenceNumber = 7;
        var delivery = new MessageDelivery(stored, Guid.NewGuid(), DateTimeOffset.UtcNow, 0, MessageState.Active);

        using var received = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([MessageCodec.Encode(delivery, includeLock: true)]));

        Assert.Equal(0u, received.Header.DeliveryCount);
        Assert.Equal("m1", received.Properties.MessageId.ToString());
        Assert.Equal(7L, received.MessageAnnotations.Map[new MapKey(new AmqpSymbol("x-opt-sequence-number"))]);
    }

    private static AmqpMessage SenderMessage(bool withHeader)
    {
        var message = AmqpMessage.Create(new Data { Value = new ArraySegment<byte>([1, 2, 3]) });
        if (withHeader)
        {
            message.Header.Ttl = 60_000;
        }

        message.Properties.MessageId = "id-1";
        message.Properties.Subject = "subject";
        message.ApplicationProperties.Map["n"] = 7;
        message.MessageAnnotations.Map[new MapKey(new AmqpSymbol("x-opt-partition-key"))] = "pk";
        return message;
    }

    private static byte[] Encode(AmqpMessage message)
    {
        var payload = message.GetPayload();
        return payload.SelectMany(s => s.ToArray()).ToArray();
    }
}
