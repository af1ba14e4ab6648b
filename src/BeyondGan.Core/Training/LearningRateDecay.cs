namespace BeyondGan.Training;

/// <summary>
/// Linear learning-rate decay (as in CycleGAN, Zhu et al. 2017, §4: constant for the first part of training, then
/// linearly towards zero): both optimisers run at their own rate before generator step <see cref="StartStep"/>, then
/// their rate falls linearly to <see cref="FinalFactor"/> times it at step <see cref="EndStep"/> and stays there.
/// A pure function of the step, so a resumed run follows the same schedule.
/// </summary>
/// <param name="StartStep">First generator step (0-based) with a reduced rate.</param>
/// <param name="EndStep">Step at which the rate reaches <paramref name="FinalFactor"/> times the base rate.</param>
/// <param name="FinalFactor">Factor of the learning rate from <paramref name="EndStep"/> on (0 = decays to zero).</param>
public sealed record LearningRateDecay(long StartStep, long EndStep, double FinalFactor = 0.0)
{
    /// <summary>The decay over the part of a <paramref name="totalSteps"/>-step run after <paramref name="startFraction"/> of it.</summary>
    public static LearningRateDecay OverLast(double startFraction, long totalSteps) =>
        new((long)Math.Round(startFraction * totalSteps), totalSteps);

    /// <summary>Factor of the base learning rate for generator step <paramref name="step"/> (0-based).</summary>
    public double Factor(long step)
    {
        if (step < StartStep) return 1.0;
        // (step − start + 1)/(end − start + 1): the first decayed step is already below the base rate, the last one before
        // EndStep still above the final factor, so no step of the run is spent at a rate of exactly zero.
        double progress = Math.Min(1.0, (step - StartStep + 1.0) / (EndStep - StartStep + 1.0));
        return 1.0 - progress * (1.0 - FinalFactor);
    }

    /// <summary>Throws <see cref="ArgumentException"/> for a negative start, an end before the start or a factor outside [0, 1].</summary>
    public void Validate()
    {
        if (StartStep < 0 || EndStep < StartStep)
            throw new ArgumentException($"The learning-rate decay needs 0 ≤ start ≤ end, got steps {StartStep} to {EndStep}.");
        if (FinalFactor is < 0 or > 1 || double.IsNaN(FinalFactor))
            throw new ArgumentException($"The learning-rate decay's final factor must be in [0, 1], got {FinalFactor}.");
    }
}
