/** How a bench run was asked for: `--quick` (or BENCH_QUICK=1) and `--only a,b` (suite names). */
export interface BenchOptions {
  quick: boolean;
  only: readonly string[];
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  const onlyIndex = argv.indexOf('--only');
  const onlyArg = onlyIndex >= 0 ? argv[onlyIndex + 1] : env.BENCH_ONLY;
  const only = onlyArg
    ? onlyArg
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  return { quick, only };
}
