using System.Text.Json;

namespace CloudMessaging.Workers.RequestReply;

/// <summary>Computes a report over <c>input.values</c> in slices, so a long job can report progress between them.</summary>
public sealed class ReportCalculator
{
    private readonly double[] _values;
    private int _next;
    private double _sum;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    private ReportCalculator(double[] values) => _values = values;

    public static ReportCalculator FromInput(JsonElement? input)
    {
        if (input is not { ValueKind: JsonValueKind.Object } inputObject
            || !inputObject.TryGetProperty("values", out var values)
            || values.ValueKind != JsonValueKind.Array
            || values.GetArrayLength() == 0)
        {
            throw new JobFailedException("input.values must be a non-empty array of numbers.");
        }

        var numbers = new double[values.GetArrayLength()];
        var index = 0;
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out numbers[index++]))
            {
                throw new JobFailedException($"input.values[{index - 1}] is not a number.");
            }
        }

        return new ReportCalculator(numbers);
    }

    /// <summary>Folds the next slice of values (one of <paramref name="slices"/>) into the running totals.</summary>
    public void Accumulate(int slice, int slices)
    {
        var end = slice == slices - 1 ? _values.Length : (int)((long)_values.Length * (slice + 1) / slices);
        for (; _next < end; _next++)
        {
            var value = _values[_next];
            _sum += value;
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
        }
    }

    public ReportResult Complete()
    {
        Accumulate(0, 1);
        var count = _values.Length;
        var mean = _sum / count;
        var sorted = _values.Order().ToArray();
        var median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        var variance = _values.Sum(v => (v - mean) * (v - mean)) / count;
        return new ReportResult(count, _sum, mean, _min, _max, median, Math.Sqrt(variance));
    }
}
