namespace BeyondGan.Training;

/// <summary>How a call to <c>Train</c> ended.</summary>
public enum TrainingOutcome
{
    /// <summary>All requested steps were done.</summary>
    Completed,
    /// <summary>Cancellation was requested; the networks are in a consistent state after the last full step.</summary>
    Cancelled,
}
