/** Small helpers every benchmark uses: percentiles, timing, memory, ratio lines. */
export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export async function timeIt(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function samples(n: number, fn: (i: number) => unknown | Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await timeIt(() => fn(i)));
  return out;
}

export const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Samples RSS every 20 ms while fn runs; returns the peak. */
export async function peakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakBytes: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakBytes: peak };
  } finally {
    clearInterval(timer);
  }
}

export function line(label: string, ours: number, baseline: number, unit = 'ms'): void {
  console.log(`${label.padEnd(48)} ours ${ours.toFixed(2)} ${unit}  baseline ${baseline.toFixed(2)} ${unit}  ratio ${(ours / baseline).toFixed(2)}×`);
}

/** A ratio measured in several rounds: both sides of each, and the spread of the ratio. */
export function spread(label: string, rounds: [ours: number, baseline: number][], unit = 'ms'): void {
  const ratios = rounds.map(([o, b]) => o / b);
  console.log(`${label}`);
  for (const [i, [o, b]] of rounds.entries()) console.log(`  round ${i + 1}: ours ${o.toFixed(2)} ${unit}, baseline ${b.toFixed(2)} ${unit}, ratio ${(o / b).toFixed(2)}×`);
  console.log(`  ratio over ${rounds.length} rounds: min ${Math.min(...ratios).toFixed(2)}×, median ${percentile(ratios, 50).toFixed(2)}×, max ${Math.max(...ratios).toFixed(2)}×`);
}
