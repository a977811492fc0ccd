using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace Butterfly;

/// <summary>
/// Butterfly's <c>.bfck</c> checkpoint format (little-endian; a string is its UTF-8 byte count as a 7-bit varint,
/// as <see cref="BinaryWriter"/> writes it, then the bytes; <c>floats</c> is an int32 count then the float32s):
/// <code>
/// "BFCK"                      4 bytes, magic
/// version                     uint32, currently 1
/// network signature           string
/// parameters                  floats
/// optimizer configuration     string
/// optimizer step count        int64
/// learning rate               float32
/// optimizer state             int32 buffer count, then floats per buffer
/// completed epochs            int32
/// shuffle generator state     4 × uint32 (xoshiro128**)
/// training samples            int32
/// trainer settings            int32 count, then name and value strings
/// stopped early               byte, 0 or 1
/// best epoch                  int32
/// best validation loss        float32
/// best parameters             floats (count 0 when none)
/// thread count                int32
/// history                     int32 count, then per epoch: epoch int32, epochs int32, train loss float32,
///                             learning rate float32, elapsed ticks int64, samples per second float64,
///                             stopped early byte, then test, train and validation scores, each a byte
///                             (0 absent, 1 present) and, when present, loss float32, accuracy float32, count int32
/// metadata                    int32 count, then key and value strings, sorted by key
/// crc                         uint32, CRC-32 of every byte before it
/// </code>
/// </summary>
public static class CheckpointFile
{
    /// <summary>The format version this runtime writes and reads.</summary>
    public const int Version = 1;

    /// <summary>The file name ending checkpoints use.</summary>
    public const string Extension = ".bfck";

    private static ReadOnlySpan<byte> Magic => "BFCK"u8;

    internal static byte[] Encode(Checkpoint checkpoint)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write((uint)Version);
            writer.Write(checkpoint.NetworkSignature);
            WriteFloats(writer, checkpoint.Parameters);
            writer.Write(checkpoint.OptimizerConfiguration);
            writer.Write(checkpoint.OptimizerStepCount);
            writer.Write(checkpoint.LearningRate);
            writer.Write(checkpoint.OptimizerState.Count);
            foreach (var buffer in checkpoint.OptimizerState)
            {
                WriteFloats(writer, buffer);
            }

            writer.Write(checkpoint.CompletedEpochs);
            var (s0, s1, s2, s3) = checkpoint.RandomState;
            writer.Write(s0);
            writer.Write(s1);
            writer.Write(s2);
            writer.Write(s3);
            writer.Write(checkpoint.TrainingSamples);
            writer.Write(checkpoint.TrainerSettings.Count);
            foreach (var (name, value) in checkpoint.TrainerSettings)
            {
                writer.Write(name);
                writer.Write(value);
            }

            writer.Write(checkpoint.Stopped);
            writer.Write(checkpoint.BestEpoch);
            writer.Write(checkpoint.BestValidationLoss);
            WriteFloats(writer, checkpoint.BestParameters);
            writer.Write(checkpoint.ThreadCount);
            writer.Write(checkpoint.History.Count);
            foreach (var report in checkpoint.History)
            {
                WriteReport(writer, report);
            }

            var metadata = checkpoint.Metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
            writer.Write(metadata.Count);
            foreach (var (key, value) in metadata)
            {
                writer.Write(key);
                writer.Write(value);
            }

            writer.Flush();
            writer.Write(Crc32.Compute(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
        }

        return stream.ToArray();
    }

    internal static Checkpoint Decode(byte[] bytes, string path)
    {
        if (bytes.Length < 4 || !bytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a Butterfly checkpoint (it does not start with \"BFCK\").");
        }

        if (bytes.Length < 12)
        {
            throw new InvalidDataException($"{path} is truncated: {bytes.Length} bytes is shorter than any checkpoint.");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        if (version != Version)
        {
            throw new InvalidDataException($"{path} has checkpoint format version {version}; this runtime reads version {Version}.");
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        uint actual = Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4));
        if (stored != actual)
        {
            throw new InvalidDataException(
                $"{path} is truncated or corrupt: its checksum is 0x{stored:X8} but its contents give 0x{actual:X8}.");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, 8, bytes.Length - 12, writable: false), Encoding.UTF8);
            string signature = reader.ReadString();
            var parameters = ReadFloats(reader);
            string optimizer = reader.ReadString();
            long steps = reader.ReadInt64();
            float learningRate = reader.ReadSingle();
            int stateCount = ReadCount(reader, 4);
            var state = new float[stateCount][];
            for (int i = 0; i < stateCount; i++)
            {
                state[i] = ReadFloats(reader);
            }

            int completed = reader.ReadInt32();
            var random = (reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32());
            int trainingSamples = reader.ReadInt32();
            int settingCount = ReadCount(reader, 2);
            var settings = new KeyValuePair<string, string>[settingCount];
            for (int i = 0; i < settingCount; i++)
            {
                settings[i] = new(reader.ReadString(), reader.ReadString());
            }

            bool stopped = reader.ReadBoolean();
            int bestEpoch = reader.ReadInt32();
            float bestLoss = reader.ReadSingle();
            var bestParameters = ReadFloats(reader);
            int threadCount = reader.ReadInt32();
            int historyCount = ReadCount(reader, 30);
            var history = new EpochReport[historyCount];
            for (int i = 0; i < historyCount; i++)
            {
                history[i] = ReadReport(reader);
            }

            int metadataCount = ReadCount(reader, 2);
            var metadata = new Dictionary<string, string>(metadataCount, StringComparer.Ordinal);
            for (int i = 0; i < metadataCount; i++)
            {
                metadata[reader.ReadString()] = reader.ReadString();
            }

            if (reader.BaseStream.Position != reader.BaseStream.Length)
            {
                throw new InvalidDataException($"{path} is corrupt: it has {reader.BaseStream.Length - reader.BaseStream.Position} bytes after its last field.");
            }

            if (completed < 0 || steps < 0 || (random.Item1 | random.Item2 | random.Item3 | random.Item4) == 0)
            {
                throw new InvalidDataException($"{path} is corrupt: its epoch count, step count or generator state is impossible.");
            }

            return new Checkpoint(
                signature,
                parameters,
                optimizer,
                steps,
                learningRate,
                state,
                completed,
                random,
                settings,
                trainingSamples,
                stopped,
                bestEpoch,
                bestLoss,
                bestParameters,
                history,
                threadCount,
                metadata);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or DecoderFallbackException)
        {
            throw new InvalidDataException($"{path} is truncated or corrupt: {e.Message}", e);
        }
    }

    private static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values));
        }
        else
        {
            foreach (float value in values)
            {
                writer.Write(value);
            }
        }
    }

    private static float[] ReadFloats(BinaryReader reader)
    {
        int count = ReadCount(reader, 4);
        var values = new float[count];
        if (BitConverter.IsLittleEndian)
        {
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                values[i] = reader.ReadSingle();
            }
        }

        return values;
    }

    /// <summary>A count of items of at least <paramref name="bytesEach"/> bytes, checked against what is left.</summary>
    private static int ReadCount(BinaryReader reader, int bytesEach)
    {
        int count = reader.ReadInt32();
        long left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (count < 0 || (long)count * bytesEach > left)
        {
            throw new EndOfStreamException($"a count of {count} does not fit the {left} bytes left");
        }

        return count;
    }

    private static void WriteReport(BinaryWriter writer, EpochReport report)
    {
        writer.Write(report.Epoch);
        writer.Write(report.Epochs);
        writer.Write(report.TrainLoss);
        writer.Write(report.LearningRate);
        writer.Write(report.Elapsed.Ticks);
        writer.Write(report.SamplesPerSecond);
        writer.Write(report.StoppedEarly);
        WriteScore(writer, report.Test);
        WriteScore(writer, report.Train);
        WriteScore(writer, report.Validation);
    }

    private static EpochReport ReadReport(BinaryReader reader)
    {
        int epoch = reader.ReadInt32();
        int epochs = reader.ReadInt32();
        float trainLoss = reader.ReadSingle();
        float learningRate = reader.ReadSingle();
        var elapsed = TimeSpan.FromTicks(reader.ReadInt64());
        double samplesPerSecond = reader.ReadDouble();
        bool stoppedEarly = reader.ReadBoolean();
        var test = ReadScore(reader);
        var train = ReadScore(reader);
        var validation = ReadScore(reader);
        return new EpochReport(epoch, epochs, trainLoss, test, learningRate, elapsed, samplesPerSecond, train, validation, stoppedEarly);
    }

    private static void WriteScore(BinaryWriter writer, EvaluationResult? score)
    {
        writer.Write(score.HasValue);
        if (score is { } value)
        {
            writer.Write(value.Loss);
            writer.Write(value.Accuracy);
            writer.Write(value.Count);
        }
    }

    private static EvaluationResult? ReadScore(BinaryReader reader) =>
        reader.ReadBoolean() ? new EvaluationResult(reader.ReadSingle(), reader.ReadSingle(), reader.ReadInt32()) : null;
}
