using System.Text;
using System.Text.Json;
using CloudMessaging.Shared.ClaimCheck;

namespace CloudMessaging.Tests.ClaimCheck;

public sealed class ClaimCheckReferenceTests
{
    private static readonly ClaimCheckReference Sample = new(
        "claim-checks",
        "0193a1b2c3d4e5f60718293a4b5c6d7e",
        52_428_800,
        new string('a', 64),
        "application/pdf",
        "Quarterly report – Q3.pdf");

    [Fact]
    public void A_reference_round_trips_through_its_small_camel_case_json_body()
    {
        var body = Sample.ToBinaryData();

        using var json = JsonDocument.Parse(body);
        Assert.Equal("claim-checks", json.RootElement.GetProperty("container").GetString());
        Assert.Equal(52_428_800, json.RootElement.GetProperty("length").GetInt64());
        Assert.Equal(Sample.Sha256, json.RootElement.GetProperty("sha256").GetString());
        Assert.True(body.ToMemory().Length < 512);
        Assert.Equal(Sample, ClaimCheckReference.Parse(body));
    }

    [Fact]
    public void A_reference_without_file_name_or_content_type_omits_them()
    {
        var reference = Sample with { FileName = null, ContentType = null };

        var json = reference.ToJson();

        Assert.DoesNotContain("fileName", json, StringComparison.Ordinal);
        Assert.DoesNotContain("contentType", json, StringComparison.Ordinal);
        Assert.Equal(reference, ClaimCheckReference.Parse(BinaryData.FromString(json)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"blobName":"b","length":1,"sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""")]
    [InlineData("""{"container":"c","length":1,"sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""")]
    [InlineData("""{"container":"c","blobName":"b","length":-1,"sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""")]
    [InlineData("""{"container":"c","blobName":"b","length":1,"sha256":"abc"}""")]
    [InlineData("""{"container":"c","blobName":"b","length":1,"sha256":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")]
    public void A_malformed_reference_is_rejected(string body)
    {
        Assert.Throws<InvalidClaimCheckReferenceException>(() => ClaimCheckReference.Parse(BinaryData.FromString(body)));
    }

    [Fact]
    public void The_verifying_stream_refuses_bytes_beyond_the_promised_length()
    {
        var payload = Encoding.UTF8.GetBytes("hello world");
        var reference = Sample with { Length = 5, Sha256 = Sha256Hex(payload.AsSpan(0, 5)) };
        using var stream = new HashVerifyingStream(new MemoryStream(payload), reference);

        var error = Assert.Throws<ClaimCheckIntegrityException>(() => stream.Read(new byte[64], 0, 64));

        Assert.Equal("ClaimCheckLengthMismatch", error.DeadLetterReason);
        Assert.False(stream.IsVerified);
    }

    [Fact]
    public void The_verifying_stream_keeps_failing_after_a_mismatch()
    {
        var payload = Encoding.UTF8.GetBytes("hello world");
        var reference = Sample with { Length = payload.Length, Sha256 = Sha256Hex("hello there"u8) };
        using var stream = new HashVerifyingStream(new MemoryStream(payload), reference);

        Assert.Throws<ClaimCheckIntegrityException>(() => stream.CopyTo(Stream.Null));
        Assert.Throws<ClaimCheckIntegrityException>(() => stream.Read(new byte[8], 0, 8));
        Assert.False(stream.IsVerified);
    }

    [Fact]
    public async Task The_verifying_stream_verifies_a_matching_payload_at_its_end()
    {
        var payload = Encoding.UTF8.GetBytes("hello world");
        var reference = Sample with { Length = payload.Length, Sha256 = Sha256Hex(payload) };
        await using var stream = new HashVerifyingStream(new MemoryStream(payload), reference);

        var first = new byte[4];
        await stream.ReadExactlyAsync(first);
        Assert.False(stream.IsVerified);
        await stream.ReadToEndAndVerifyAsync();

        Assert.True(stream.IsVerified);
        Assert.Equal(0, await stream.ReadAsync(new byte[4]));
    }

    private static string Sha256Hex(ReadOnlySpan<byte> data) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data));
}
