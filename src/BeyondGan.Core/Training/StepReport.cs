namespace BeyondGan.Training;

/// <summary>What the trainer reports after each generator step.</summary>
/// <param name="Step">Steps completed (1-based after the first step).</param>
/// <param name="TotalSteps">Target number of steps of this run.</param>
/// <param name="CriticLoss">Critic loss of the last critic update, penalties included.</param>
/// <param name="GeneratorLoss">Generator loss, penalties included.</param>
public readonly record struct StepReport(long Step, long TotalSteps, double CriticLoss, double GeneratorLoss);
