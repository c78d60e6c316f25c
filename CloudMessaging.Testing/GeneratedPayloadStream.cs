using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CloudMessaging.Testing;

/// <summary>
/// A forward-only stream of deterministic pseudo-random bytes that, like an HTTP request body, does not tell its
/// length. Nothing is held in memory, so a test can send tens of megabytes and recompute their hash afterwards, and
/// eight bytes per generator step keep it fast enough that a benchmark's source never limits the measured rate.
/// </summary>
public sealed class GeneratedPayloadStream(long length, ulong seed = 0x9E3779B97F4A7C15) : ForwardOnlyReadStream
{
    private ulong _state = seed == 0 ? 1 : seed;
    private ulong _word;
    private int _wordBytesLeft;
    private long _position;

    /// <summary>How far the consumer has read: shows that an upload stopped reading early.</summary>
    public long BytesRead => _position;

    public static string Sha256Of(long length, ulong seed = 0x9E3779B97F4A7C15)
    {
        using var stream = new GeneratedPayloadStream(length, seed);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static byte[] BytesOf(int length, ulong seed = 0x9E3779B97F4A7C15)
    {
        var bytes = new byte[length];
        using var stream = new GeneratedPayloadStream(length, seed);
        stream.ReadExactly(bytes);
        return bytes;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>The bytes are the little-endian words of the generator, whatever sizes the reads come in.</summary>
    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        var written = 0;
        while (written < count && _wordBytesLeft > 0)
        {
            buffer[written++] = TakeByteOfWord();
        }

        for (; count - written >= sizeof(ulong); written += sizeof(ulong))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer[written..], NextWord());
        }

        if (written < count)
        {
            _word = NextWord();
            _wordBytesLeft = sizeof(ulong);
            while (written < count)
            {
                buffer[written++] = TakeByteOfWord();
            }
        }

        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    /// <summary>xorshift64: cheap, deterministic, and with no short period a misplaced block could hide in.</summary>
    private ulong NextWord()
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return _state;
    }

    private byte TakeByteOfWord()
    {
        var next = (byte)_word;
        _word >>= 8;
        _wordBytesLeft--;
        return next;
    }
}
