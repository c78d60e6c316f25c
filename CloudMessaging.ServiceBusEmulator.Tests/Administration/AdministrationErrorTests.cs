using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;

namespace CloudMessaging.ServiceBusEmulator.Tests.Administration;

public sealed class AdministrationErrorTests(AdministrationFixture fixture) : IClassFixture<AdministrationFixture>
{
    [Fact]
    public async Task Wrong_key_gives_UnauthorizedAccessException()
    {
        var admin = AdministrationFixture.CreateAdmin(fixture.ConnectionString.Replace("SharedAccessKey=SAS_KEY_VALUE", "SharedAccessKey=wrong"));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admin.GetQueueAsync("anything"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admin.CreateQueueAsync(AdministrationFixture.UniqueName("unauth")));
    }

    [Fact]
    public async Task Missing_entities_give_MessagingEntityNotFound()
    {
        var topic = AdministrationFixture.UniqueName("adm-nf");
        await fixture.Admin.CreateTopicAsync(topic);

        await AssertReason(ServiceBusFailureReason.MessagingEntityNotFound, () => fixture.Admin.GetQueueAsync("no-such-queue"));
        await AssertReason(ServiceBusFailureReason.MessagingEntityNotFound, () => fixture.Admin.GetTopicAsync("no-such-topic"));
        await AssertReason(ServiceBusFailureReason.MessagingEntityNotFound, () => fixture.Admin.GetSubscriptionAsync(topic, "none"));
        await AssertReason(ServiceBusFailureReason.MessagingEntityNotFound, () => fixture.Admin.DeleteQueueAsync("no-such-queue"));
        await AssertReason(ServiceBusFailureReason.MessagingEntityNotFound, () => fixture.Admin.GetQueueRuntimePropertiesAsync("no-such-queue"));
        Assert.False(await fixture.Admin.QueueExistsAsync("no-such-queue"));
        Assert.False(await fixture.Admin.SubscriptionExistsAsync(topic, "none"));
    }

    [Fact]
    public async Task Creating_an_existing_entity_gives_MessagingEntityAlreadyExists()
    {
        var name = AdministrationFixture.UniqueName("adm-dup");
        await fixture.Admin.CreateQueueAsync(name);

        await AssertReason(ServiceBusFailureReason.MessagingEntityAlreadyExists, () => fixture.Admin.CreateQueueAsync(name));
        await AssertReason(ServiceBusFailureReason.MessagingEntityAlreadyExists, () => fixture.Admin.CreateTopicAsync(name));
    }

    [Fact]
    public async Task Invalid_or_unsupported_properties_give_ArgumentException_naming_them()
    {
        var outOfRange = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Admin.CreateQueueAsync(new CreateQueueOptions(AdministrationFixture.UniqueName("adm-bad")) { LockDuration = TimeSpan.FromMinutes(10) }));
        Assert.Contains("LockDuration", outOfRange.Message);

        var partitioned = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Admin.CreateQueueAsync(new CreateQueueOptions(AdministrationFixture.UniqueName("adm-part")) { EnablePartitioning = true }));
        Assert.Contains("EnablePartitioning", partitioned.Message);

        var badForward = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Admin.CreateQueueAsync(new CreateQueueOptions(AdministrationFixture.UniqueName("adm-fwd")) { ForwardTo = "missing-target" }));
        Assert.Contains("ForwardTo", badForward.Message);
    }

    [Fact]
    public async Task Invalid_names_give_ArgumentException_with_the_reason()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Admin.CreateQueueAsync("bad name"));

        Assert.Contains("contains", error.Message);
    }

    [Fact]
    public async Task Updating_a_deleted_queue_gives_MessagingEntityNotFound()
    {
        var name = AdministrationFixture.UniqueName("adm-gone");
        var queue = (await fixture.Admin.CreateQueueAsync(name)).Value;
        await fixture.Admin.DeleteQueueAsync(name);

        await AssertReason(ServiceBusFailureReason.MessagingEntityNotFound, () => fixture.Admin.UpdateQueueAsync(queue));
    }

    private static async Task AssertReason(ServiceBusFailureReason reason, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<ServiceBusException>(call);
        Assert.Equal(reason, error.Reason);
    }
}
