/** A progress display for a long export; a no-op where nobody is watching. */
export interface Progress {
  /** One step done; `label` says what (a file name). */
  tick(label: string): void;
  stop(): void;
}

export interface ProgressStream extends NodeJS.WritableStream {
  isTTY?: boolean;
}

const silent: Progress = { tick: () => undefined, stop: () => undefined };

/** Fewest steps worth a bar: a one-article export finishes before a bar means anything. */
export const MIN_STEPS_FOR_BAR = 3;

/**
 * A cli-progress bar on `stream` when it is a terminal and there are enough steps, else
 * nothing: logs, pipes and CI get no escape codes. The library loads only when a bar shows.
 */
export async function startProgress(
  stream: ProgressStream,
  total: number,
  title: string,
): Promise<Progress> {
  if (stream.isTTY !== true || total < MIN_STEPS_FOR_BAR) return silent;
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${title.padEnd(7)} [{bar}] {value}/{total} {file}`,
      hideCursor: true,
      clearOnComplete: true,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { file: '' });
  return {
    tick: (label) => bar.increment(1, { file: label }),
    stop: () => bar.stop(),
  };
}
