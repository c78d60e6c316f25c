using System.Buffers;
using CloudMessaging.Shared.ClaimCheck.Documents;

namespace CloudMessaging.Workers.ClaimCheck;

/// <summary>
/// Counts bytes, lines and words in one forward pass over a stream, holding one buffer whatever the size. The
/// hash is not computed here: the stream it reads is a <c>HashVerifyingStream</c>, which already hashes it.
/// </summary>
public static class DocumentAnalyzer
{
    private const int BufferSize = 1024 * 1024;

    public static async Task<DocumentCounts> CountAsync(Stream payload, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long bytes = 0, lines = 0, words = 0;
            var inWord = false;
            byte last = (byte)'\n';
            int read;
            while ((read = await payload.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                bytes += read;
                lines += chunk.Count((byte)'\n');
                words += CountWordStarts(chunk, ref inWord);
                last = chunk[^1];
            }

            // A last line without a line feed is still a line.
            if (bytes > 0 && last != (byte)'\n')
            {
                lines++;
            }

            return new DocumentCounts(bytes, lines, words);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long CountWordStarts(ReadOnlySpan<byte> chunk, ref bool inWord)
    {
        long starts = 0;
        var wasInWord = inWord;
        foreach (var b in chunk)
        {
            var isWordByte = b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f');
            if (isWordByte && !wasInWord)
            {
                starts++;
            }

            wasInWord = isWordByte;
        }

        inWord = wasInWord;
        return starts;
    }
}

/// <summary>The counts of <see cref="DocumentAnalyzer"/>, before the hash is known to be verified.</summary>
public sealed record DocumentCounts(long Bytes, long Lines, long Words)
{
    public DocumentAnalysis WithVerifiedHash(string sha256) => new(Bytes, Lines, Words, sha256);
}
