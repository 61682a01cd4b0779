/**
 * Progress of the experiment runs: on a terminal, cli-progress bars with ETA — one
 * overall, one per submission; elsewhere (CI logs) a plain line per finished run and at
 * most every `intervalMs` a summary line, so logs stay readable.
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { formatDuration } from './projection';

export interface Progress {
  /** a run ended (or was found in the store: `resumed`) */
  runEnded(submission: string, line: string, resumed?: boolean): void;
  stop(): void;
}

export interface ProgressOptions {
  /** runs per submission, in order */
  perSubmission: ReadonlyMap<string, number>;
  /** default: process.stderr.isTTY */
  tty?: boolean;
  /** where plain lines go; default console.log */
  log?: (line: string) => void;
  intervalMs?: number;
}

class PlainProgress implements Progress {
  private done = 0;
  private resumedCount = 0;
  private readonly started = Date.now();
  private lastSummary = Date.now();
  constructor(private readonly total: number, private readonly log: (line: string) => void, private readonly intervalMs: number) {}

  runEnded(_submission: string, line: string, resumed = false): void {
    this.done += 1;
    if (resumed) { this.resumedCount += 1; return; }
    const ran = this.done - this.resumedCount;
    const remaining = this.total - this.done;
    const eta = ran > 0 && remaining > 0 ? `, ETA ${formatDuration(((Date.now() - this.started) / ran) * remaining)}` : '';
    this.log(`[${this.done}/${this.total}${eta}] ${line}`);
    if (Date.now() - this.lastSummary >= this.intervalMs) {
      this.lastSummary = Date.now();
      this.log(`progress: ${this.done} of ${this.total} runs done (${this.resumedCount} from the store), ${formatDuration(Date.now() - this.started)} elapsed`);
    }
  }

  stop(): void {
    if (this.resumedCount) this.log(`${this.resumedCount} run(s) were already in the store and were not repeated`);
  }
}

class BarProgress implements Progress {
  private readonly multi = new MultiBar({ clearOnComplete: false, hideCursor: true, format: ' {bar} {percentage}% | {value}/{total} | ETA {eta_formatted} | {name}' }, Presets.shades_classic);
  private readonly overall: SingleBar;
  private readonly bars = new Map<string, SingleBar>();
  constructor(perSubmission: ReadonlyMap<string, number>) {
    const total = [...perSubmission.values()].reduce((a, b) => a + b, 0);
    this.overall = this.multi.create(total, 0, { name: 'all runs' });
    for (const [name, count] of perSubmission) this.bars.set(name, this.multi.create(count, 0, { name }));
  }

  runEnded(submission: string, line: string): void {
    this.overall.increment(1, { name: 'all runs' });
    this.bars.get(submission)?.increment(1, { name: `${submission}: ${line.replace(`${submission} `, '')}`.slice(0, 70) });
  }

  stop(): void {
    this.multi.stop();
  }
}

export function createProgress(options: ProgressOptions): Progress {
  const total = [...options.perSubmission.values()].reduce((a, b) => a + b, 0);
  const tty = options.tty ?? Boolean(process.stderr.isTTY);
  return tty ? new BarProgress(options.perSubmission) : new PlainProgress(total, options.log ?? ((l) => console.log(l)), options.intervalMs ?? 30_000);
}
