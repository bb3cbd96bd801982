using BenchmarkDotNet.Running;
using Scim.Bench.Micro;

BenchmarkSwitcher.FromAssembly(typeof(MicroConfig).Assembly).Run(args, MicroConfig.Create(args));
