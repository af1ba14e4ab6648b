return BeyondGan.Cli.BeyondGanApp.Run(args);
