using BeyondGan.Evaluation.Detection;
using BeyondGan.Evaluation.Fidelity;
using BeyondGan.Evaluation.Privacy;
using BeyondGan.Evaluation.Rules;
using BeyondGan.Evaluation.Utility;
using BeyondGan.Evaluation.Validity;

namespace BeyondGan.Evaluation;

/// <summary>Everything <see cref="TableEvaluation"/> measured. Parts that were not asked for, or need a holdout that was not given, are null.</summary>
/// <param name="RealRows">Rows of the real (training) table.</param>
/// <param name="SyntheticRows">Rows of the synthetic table.</param>
/// <param name="HoldoutRows">Rows of the real holdout table, or 0.</param>
/// <param name="Quality">Fidelity: the SDMetrics Quality Report.</param>
/// <param name="Validity">Validity diagnostics.</param>
/// <param name="Rules">The real table's rules and how often synthetic rows break them.</param>
/// <param name="Utility">TSTR/TRTR, when a holdout and a target were given.</param>
/// <param name="Detection">Real-vs-synthetic detection.</param>
/// <param name="Privacy">Distances to the closest training record.</param>
/// <param name="Seconds">Wall time of each part.</param>
/// <param name="Warnings">Problems with the inputs that make some numbers misleading (one sentence each).</param>
public sealed record EvaluationResult(int RealRows, int SyntheticRows, int HoldoutRows, QualityReport Quality, ValidityReport Validity, RulesReport Rules,
    UtilityReport? Utility, DetectionReport? Detection, PrivacyReport? Privacy, IReadOnlyDictionary<string, double> Seconds,
    IReadOnlyList<string> Warnings);
