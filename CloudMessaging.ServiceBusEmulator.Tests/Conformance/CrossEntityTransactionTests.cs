using System.Transactions;
using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

/// <summary>
/// Transactions of a client with EnableCrossEntityTransactions: one transaction spans entities, and the client is
/// bound to the entity it used first, as on the service.
/// </summary>
public sealed class CrossEntityTransactionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Cross_entity_transaction_completes_from_one_queue_and_sends_to_another_on_commit()
    {
        var (source, destination) = (fixture.CreateQueue("txa"), fixture.CreateQueue("txb"));
        await using var client = fixture.CreateClient(CrossEntityOptions());
        var receiver = client.CreateReceiver(source);
        var sender = client.CreateSender(destination);
        await using var seed = fixture.Client.CreateSender(source);
        await seed.SendMessageAsync(new ServiceBusMessage("order") { MessageId = "in" });
        var received = await receiver.ReceiveMessageAsync(Wait);

        using (var scope = Scope())
        {
            await receiver.CompleteMessageAsync(received);
            await sender.SendMessageAsync(new ServiceBusMessage("shipped") { MessageId = "out" });
            scope.Complete();
        }

        await using var destinationReceiver = fixture.Client.CreateReceiver(destination);
        Assert.Equal("out", (await destinationReceiver.ReceiveMessageAsync(Wait)).MessageId);
        await using var sourcePeeker = fixture.Client.CreateReceiver(source);
        Assert.Null(await sourcePeeker.PeekMessageAsync());
    }

    [Fact]
    public async Task Cross_entity_transaction_rolled_back_sends_nothing_and_redelivers_the_original()
    {
        var source = fixture.CreateQueue("txra", q => q with { LockDuration = TimeSpan.FromSeconds(2) });
        var destination = fixture.CreateQueue("txrb");
        await using var client = fixture.CreateClient(CrossEntityOptions());
        var receiver = client.CreateReceiver(source);
        var sender = client.CreateSender(destination);
        await using var seed = fixture.Client.CreateSender(source);
        await seed.SendMessageAsync(new ServiceBusMessage("order") { MessageId = "in" });
        var received = await receiver.ReceiveMessageAsync(Wait);

        using (Scope())
        {
            await receiver.CompleteMessageAsync(received);
            await sender.SendMessageAsync(new ServiceBusMessage("shipped") { MessageId = "out" });
        }

        var again = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal(received.SequenceNumber, again.SequenceNumber);
        await using var destinationReceiver = fixture.Client.CreateReceiver(destination);
        Assert.Null(await destinationReceiver.PeekMessageAsync());
    }

    [Fact]
    public async Task A_cross_entity_client_cannot_receive_from_an_entity_other_than_its_first()
    {
        var (first, other) = (fixture.CreateQueue("txvia"), fixture.CreateQueue("txnotvia"));
        await using var client = fixture.CreateClient(CrossEntityOptions());
        var sender = client.CreateSender(first);
        await sender.SendMessageAsync(new ServiceBusMessage("pins the client to its queue"));
        var receiver = client.CreateReceiver(other);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => receiver.ReceiveMessageAsync(Wait));
        Assert.Contains("cannot span multiple top-level entities", refused.Message);
        Assert.NotNull(await client.CreateReceiver(first).ReceiveMessageAsync(Wait));
    }

    [Fact]
    public async Task Spanning_two_queues_without_cross_entity_transactions_is_refused()
    {
        var (source, destination) = (fixture.CreateQueue("txna"), fixture.CreateQueue("txnb"));
        await using var sender = fixture.Client.CreateSender(source);
        await using var other = fixture.Client.CreateSender(destination);

        using (Scope())
        {
            await sender.SendMessageAsync(new ServiceBusMessage("first"));
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => other.SendMessageAsync(new ServiceBusMessage("second")));
            Assert.Contains("cannot span multiple top-level entities", refused.Message);
        }

        await using var peeker = fixture.Client.CreateReceiver(source);
        Assert.Null(await peeker.PeekMessageAsync());
    }

    private static TransactionScope Scope() => new(TransactionScopeAsyncFlowOption.Enabled);

    private static ServiceBusClientOptions CrossEntityOptions()
    {
        var options = EmulatorFixture.DefaultClientOptions();
        options.EnableCrossEntityTransactions = true;
        return options;
    }
}
