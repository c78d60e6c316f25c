using System.Buffers.Binary;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

/// <summary>
/// Before SQLite recovers the write-ahead log, finds what it will drop: frames of the current log generation after
/// the last commit frame, or one cut short or failing its checksum (a write torn by the crash). SQLite keeps
/// everything up to the last complete commit on its own; this only says what was lost, which was never acknowledged.
/// </summary>
internal static partial class TornWriteCheck
{
    private const int HeaderSize = 32;
    private const int FrameHeaderSize = 24;

    public static void Report(string databasePath, ILogger logger)
    {
        var walPath = databasePath + "-wal";
        if (!File.Exists(walPath))
        {
            return;
        }

        var wal = File.ReadAllBytes(walPath);
        var (frames, bytes) = Inspect(wal);
        if (frames > 0)
        {
            LogDropped(logger, frames, bytes, walPath);
        }
    }

    /// <summary>How many frames (and bytes) after the last complete commit of the current generation SQLite will drop.</summary>
    internal static (int Frames, long Bytes) Inspect(ReadOnlySpan<byte> wal)
    {
        if (wal.Length < HeaderSize)
        {
            return (0, 0);
        }

        var magic = BinaryPrimitives.ReadUInt32BigEndian(wal);
        if (magic is not (0x377f0682 or 0x377f0683))
        {
            return (0, 0);
        }

        var bigEndian = magic == 0x377f0683;
        var pageSize = (int)BinaryPrimitives.ReadUInt32BigEndian(wal[8..]);
        var salts = wal.Slice(16, 8);
        var (s0, s1) = Checksum(wal[..24], 0, 0, bigEndian);
        var frameSize = FrameHeaderSize + pageSize;
        long offset = HeaderSize, committedEnd = HeaderSize, end = HeaderSize;
        var pending = 0;
        while (offset + 16 <= wal.Length && wal.Slice((int)offset + 8, 8).SequenceEqual(salts))
        {
            pending++; // this generation's frame: kept only if a commit frame follows it intact
            if (offset + frameSize > wal.Length)
            {
                end = wal.Length;
                break;
            }

            var frame = wal.Slice((int)offset, frameSize);
            (s0, s1) = Checksum(frame[..8], s0, s1, bigEndian);
            (s0, s1) = Checksum(frame[FrameHeaderSize..], s0, s1, bigEndian);
            if (s0 != BinaryPrimitives.ReadUInt32BigEndian(frame[16..]) || s1 != BinaryPrimitives.ReadUInt32BigEndian(frame[20..]))
            {
                end = offset + frameSize;
                break;
            }

            offset += frameSize;
            end = offset;
            if (BinaryPrimitives.ReadUInt32BigEndian(frame[4..]) != 0)
            {
                committedEnd = offset;
                pending = 0;
            }
        }

        return pending == 0 ? (0, 0) : (pending, end - committedEnd);
    }

    // SQLite's WAL checksum: two running sums over 32-bit words taken in the log's byte order.
    private static (uint, uint) Checksum(ReadOnlySpan<byte> data, uint s0, uint s1, bool bigEndian)
    {
        for (var i = 0; i + 8 <= data.Length; i += 8)
        {
            var x0 = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[i..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[i..]);
            var x1 = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[(i + 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[(i + 4)..]);
            s0 += x0 + s1;
            s1 += x1 + s0;
        }

        return (s0, s1);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Frames} frame(s) ({Bytes} bytes) of a write that never completed at the end of {Path}; everything committed before it is kept.")]
    private static partial void LogDropped(ILogger logger, int frames, long bytes, string path);
}
