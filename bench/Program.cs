using System;
using System.Linq;
using BenchmarkDotNet.Running;
using Butterfly.Bench.Quick;

namespace Butterfly.Bench;

/// <summary>
/// <c>--quick [--threads N] [W1 W5 ...]</c> prints the one-table summary (optionally only the named rows, with
/// <see cref="Parallelism.ThreadCount"/> set to N); anything else goes to BenchmarkDotNet's switcher (for example
/// <c>--filter *</c>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--quick")
        {
            var rest = args.Skip(1).ToList();
            int threads = rest.IndexOf("--threads");
            if (threads >= 0)
            {
                Parallelism.ThreadCount = int.Parse(rest[threads + 1], System.Globalization.CultureInfo.InvariantCulture);
                rest.RemoveRange(threads, 2);
            }

            return QuickBench.Run(rest);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
