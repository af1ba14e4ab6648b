using BeyondGan.Tabular.Data;

namespace BeyondGan.Evaluation.Fidelity;

/// <summary>SDMetrics ContingencySimilarity: 1 − the total variation distance between the two-way frequency tables of a column pair.</summary>
public static class ContingencySimilarity
{
    /// <summary>Scores one pair of categorical (or binned) columns.</summary>
    public static double Score(string[] realA, string[] realB, string[] synA, string[] synB) =>
        1.0 - TvComplement.TotalVariation(TvComplement.Frequencies(Pairs(realA, realB)), TvComplement.Frequencies(Pairs(synA, synB)));

    private static IEnumerable<(string, string)> Pairs(string[] a, string[] b) => a.Zip(b);

    /// <summary>
    /// Bins numbers into <paramref name="bins"/> equal-width bins over the real range [<paramref name="min"/>, <paramref name="max"/>]
    /// (values outside go to the end bins; missing stays its own label).
    /// </summary>
    public static string[] Bin(double[] values, double min, double max, int bins = 10)
    {
        var labels = new string[values.Length];
        double width = max > min ? (max - min) / bins : 1;
        for (int i = 0; i < values.Length; i++)
            labels[i] = double.IsFinite(values[i]) ? Math.Clamp((int)Math.Floor((values[i] - min) / width), 0, bins - 1).ToString() : MissingValues.Label;
        return labels;
    }
}
