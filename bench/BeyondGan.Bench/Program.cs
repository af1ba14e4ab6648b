using BeyondGan.Bench;

string what = args.Length > 0 ? args[0] : "speed";
switch (what)
{
    case "speed": SpeedBench.Run(args.Skip(1).ToArray()); break;
    case "profile": Profile.Run(args.Skip(1).ToArray()); break;
    case "toy": ToyBench.Run(args.Skip(1).ToArray()); break;
    case "tabular": TabularBench.Run(args.Skip(1).ToArray()); break;
    case "augment": AugmentBench.Run(args.Skip(1).ToArray()); break;
    case "optimizer": OptimizerBench.Run(args.Skip(1).ToArray()); break;
    case "timeseries": TimeSeriesBench.Run(args.Skip(1).ToArray()); break;
    case "text": TextBench.Run(args.Skip(1).ToArray()); break;
    case "audio": AudioBench.Run(args.Skip(1).ToArray()); break;
    case "guard": GuardCheck.Run(args.Skip(1).ToArray()); break;
    default: Console.Error.WriteLine("usage: bench speed [threads] [--defaults-only [--reps R] [--steps N]] | profile | toy run|report … | tabular … | augment … | optimizer | timeseries … | text texygen|tokens … | audio speed|fsdd-manifests … | guard [steps]"); return 2;
}
return 0;
