import { SingleBar, Presets } from "cli-progress";

/** A progress counter: a bar on a terminal (stderr), nothing when piped. */
export interface Progress {
  increment(by: number): void;
  stop(): void;
}

/** A bar of `total` steps labelled `what`, drawn by cli-progress only when stderr is a terminal. */
export function progressBar(what: string, total: number): Progress {
  if (!process.stderr.isTTY || total === 0) return { increment: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { format: `${what} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left`, stream: process.stderr },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { increment: (by) => bar.increment(by), stop: () => bar.stop() };
}
