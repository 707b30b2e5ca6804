using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/ProcedureForms.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(ValidationBenchmarks).Assembly).Run(args);
