using System.Runtime.ExceptionServices;
using System.Security.Cryptography;

namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>
/// A read-only, forward-only view of a claim-check payload that hashes every byte as the consumer reads it and,
/// when the underlying stream ends, checks length and SHA-256 against the reference. A mismatch surfaces as
/// <see cref="ClaimCheckIntegrityException"/> from the read that reached the end (or, for a blob that is too
/// long, from the read that went past the expected length), so a consumer that reads to the end cannot finish
/// its work on a corrupted payload without noticing.
/// </summary>
/// <remarks>
/// Nothing is verified until the end is reached: a consumer that stops early must call
/// <see cref="ReadToEndAndVerifyAsync"/> (or use <see cref="ClaimCheckStore.ConsumeAsync{T}"/>, which does).
/// </remarks>
public sealed class HashVerifyingStream : Stream
{
    private readonly Stream _inner;
    private readonly ClaimCheckReference _reference;
    private readonly byte[] _expectedHash;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _position;
    private bool _ended;
    private ClaimCheckIntegrityException? _failure;

    public HashVerifyingStream(Stream inner, ClaimCheckReference reference)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(reference);
        _inner = inner;
        _reference = reference;
        _expectedHash = Convert.FromHexString(reference.Sha256);
    }

    /// <summary>True once the end was reached and length and hash matched.</summary>
    public bool IsVerified { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    /// <summary>The length the reference promises; reading checks that the blob keeps that promise.</summary>
    public override long Length => _reference.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        return Account(buffer[..read], requested: buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span[..read], requested: buffer.Length);
    }

    /// <summary>Reads and discards whatever the consumer left unread, so the whole payload is verified.</summary>
    /// <exception cref="ClaimCheckIntegrityException">Length or hash differ from the reference.</exception>
    public async Task ReadToEndAndVerifyAsync(CancellationToken cancellationToken = default)
    {
        if (IsVerified)
        {
            return;
        }

        var buffer = new byte[81920];
        while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        _hash.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Account(ReadOnlySpan<byte> data, int requested)
    {
        if (_failure is not null)
        {
            // A consumer that caught the first failure must not mistake the next read for a clean end.
            ExceptionDispatchInfo.Throw(_failure);
        }

        if (_ended)
        {
            return 0;
        }

        if (data.Length > 0)
        {
            _position += data.Length;
            if (_position > _reference.Length)
            {
                // Fail before handing out bytes the producer never wrote.
                throw _failure = new ClaimCheckIntegrityException(_reference, _position, actualSha256: null);
            }

            _hash.AppendData(data);
            return data.Length;
        }

        if (requested == 0)
        {
            return 0;
        }

        _ended = true;
        if (_position != _reference.Length)
        {
            throw _failure = new ClaimCheckIntegrityException(_reference, _position, actualSha256: null);
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        _hash.GetHashAndReset(actual);
        if (!CryptographicOperations.FixedTimeEquals(actual, _expectedHash))
        {
            throw _failure = new ClaimCheckIntegrityException(_reference, _position, Convert.ToHexStringLower(actual));
        }

        IsVerified = true;
        return 0;
    }
}
