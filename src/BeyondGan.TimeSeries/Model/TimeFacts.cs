using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;
using BeyondGan.TimeSeries.Data;

namespace BeyondGan.TimeSeries.Model;

/// <summary>How the training sequences' times start and how the time column writes them.</summary>
public sealed record TimeFacts
{
    /// <summary>The earliest first time of a training sequence (datetimes: seconds).</summary>
    [JsonPropertyName("first_start")] public double FirstStart { get; init; }
    /// <summary>The latest.</summary>
    [JsonPropertyName("last_start")] public double LastStart { get; init; }
    /// <summary>Decimals of a number time column (−1: round-trip form).</summary>
    [JsonPropertyName("decimals")] public int Decimals { get; init; }

    /// <summary>The facts of <paramref name="table"/>'s training <paramref name="sequences"/>.</summary>
    public static TimeFacts Of(SequenceTable table, IReadOnlyList<Sequence> sequences)
    {
        var starts = sequences.Select(s => table.Times[s.Rows[0]]).ToList();
        int decimals = 0;
        if (table.Schema.Time is { Schema.Kind: ColumnKind.Continuous } time)
            foreach (var c in table.Table.Column(time.Name))
            {
                int d = ContinuousEncoder.DecimalsOf(c!);
                decimals = d < 0 || decimals < 0 ? -1 : Math.Max(decimals, d);
            }
        return new TimeFacts { FirstStart = starts.Min(), LastStart = starts.Max(), Decimals = decimals };
    }

    /// <summary>A first time drawn uniformly between the training sequences' first and last (whole units for integer and datetime times).</summary>
    public double DrawStart(Random rng)
    {
        double t = FirstStart + rng.NextDouble() * (LastStart - FirstStart);
        return Decimals == 0 ? Math.Round(t) : t;
    }

    /// <summary>A time written as <paramref name="column"/> writes times.</summary>
    public string Format(ColumnSchema column, double time) => ContinuousEncoder.Format(column, Decimals, time);
}
