namespace BeyondGan.Tabular.Model;

/// <summary>Progress of <see cref="CtganSynthesizer.Train"/> after one step.</summary>
/// <param name="Epoch">Current epoch (1-based).</param>
/// <param name="Epochs">Epochs requested.</param>
/// <param name="Step">Steps done.</param>
/// <param name="TotalSteps">Steps requested.</param>
/// <param name="BatchSize">Rows per step.</param>
/// <param name="CriticLoss">Critic loss of this step (Wasserstein estimate plus penalty).</param>
/// <param name="GeneratorLoss">Generator loss of this step (adversarial plus cross-entropy).</param>
public readonly record struct TrainingProgress(int Epoch, int Epochs, long Step, long TotalSteps, int BatchSize, double CriticLoss, double GeneratorLoss);
