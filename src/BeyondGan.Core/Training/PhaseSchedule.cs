using BeyondGan.IO;
using BeyondGan.Runtime;
using static TorchSharp.torch;

namespace BeyondGan.Training;

/// <summary>
/// Runs training phases one after another through the engine's <see cref="StepLoop"/>: each step gets a dispose scope,
/// the collection guard, the schedule's seeded random generator and a metrics record (kept in <see cref="History"/> as
/// "phase/metric" at the run's step number). A cancellation stops at a step boundary; <see cref="SaveState"/> and
/// <see cref="LoadState"/> carry the position, both random states, the history and every phase's state, so a run
/// stopped and resumed equals one run straight through.
/// </summary>
public sealed class PhaseSchedule : IDisposable
{
    /// <summary>Creates a schedule of <paramref name="phases"/>, seeded from <paramref name="seed"/>, on <paramref name="device"/>.</summary>
    public PhaseSchedule(IReadOnlyList<TrainingPhase> phases, long seed, string device = "cpu")
    {
        TorchRuntime.EnsureLoaded();
        if (phases.Select(p => p.Name).Distinct().Count() != phases.Count) throw new ArgumentException("Phase names must be distinct.");
        Phases = phases;
        Rng = new TorchSharp.torch.Generator((ulong)seed);
        Device = TorchRuntime.ParseDevice(device);
    }

    /// <summary>The phases, in order.</summary>
    public IReadOnlyList<TrainingPhase> Phases { get; }
    /// <summary>The run's random generator.</summary>
    public TorchSharp.torch.Generator Rng { get; }
    /// <summary>The networks' device.</summary>
    public Device Device { get; }
    /// <summary>The phase running (or next to run); <see cref="Phases"/>.Count when all are done.</summary>
    public int PhaseIndex { get; private set; }
    /// <summary>Steps of that phase done.</summary>
    public long StepInPhase { get; private set; }
    /// <summary>Steps of the whole run done.</summary>
    public long Done => Phases.Take(PhaseIndex).Sum(p => p.Steps) + StepInPhase;
    /// <summary>Steps of the whole run.</summary>
    public long Total => Phases.Sum(p => p.Steps);
    /// <summary>True when every phase has run all its steps.</summary>
    public bool IsComplete => PhaseIndex >= Phases.Count;
    /// <summary>Every step's metrics, as "phase/metric".</summary>
    public MetricsHistory History { get; private set; } = new();

    /// <summary>Runs the remaining steps of every phase; <paramref name="onStep"/> hears of each.</summary>
    public TrainingOutcome Train(CancellationToken cancellation = default, Action<PhaseReport>? onStep = null)
    {
        bool begun = false;
        var metrics = new Dictionary<string, double>();
        return StepLoop.Run(
            done: () =>
            {
                while (PhaseIndex < Phases.Count && StepInPhase >= Phases[PhaseIndex].Steps) { PhaseIndex++; StepInPhase = 0; begun = false; }
                return IsComplete;
            },
            step: () =>
            {
                var phase = Phases[PhaseIndex];
                if (!begun) { phase.Begin(); begun = true; }
                metrics.Clear();
                phase.Step(new PhaseStep(StepInPhase, phase.Steps, Rng, Device, metrics));
                StepInPhase++;
                foreach (var (name, value) in metrics) History.Record(Done, $"{phase.Name}/{name}", value);
                onStep?.Invoke(new PhaseReport(phase.Name, PhaseIndex, Phases.Count, StepInPhase, phase.Steps, Done, Total, metrics));
            },
            cancellation);
    }

    /// <summary>Writes the position, both random states, the history and each phase's state.</summary>
    public void SaveState(BinaryWriter writer)
    {
        writer.Write(PhaseIndex);
        writer.Write(StepInPhase);
        TensorIO.Write(writer, Rng.get_state());
        TensorIO.Write(writer, get_rng_state());
        writer.Write(History.ToJson());
        foreach (var p in Phases) SectionedFile.WriteSection(writer, p.SaveState);
    }

    /// <summary>Reads what <see cref="SaveState"/> wrote into a schedule of the same phases.</summary>
    public void LoadState(BinaryReader reader)
    {
        int index = reader.ReadInt32();
        long step = reader.ReadInt64();
        if (index < 0 || index > Phases.Count || step < 0) throw new InvalidDataException("the schedule position is out of range");
        using (var s = TensorIO.Read(reader)) Rng.set_state(s);
        using (var s = TensorIO.Read(reader)) set_rng_state(s);
        History = MetricsHistory.FromJson(reader.ReadString());
        foreach (var p in Phases) SectionedFile.ReadSection(reader, $"phase {p.Name}", p.LoadState);
        PhaseIndex = index;
        StepInPhase = step;
    }

    /// <inheritdoc />
    public void Dispose() => Rng.Dispose();
}
