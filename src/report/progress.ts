/**
 * Progress of a long run (a load profile, a fleet of plugins): done/total and rate. On a terminal
 * one live line rewritten in place; in a CI log a quiet line at every tenth of the way, or after
 * 5 s without one, so the log shows life without drowning the result.
 *
 * Counting is a field increment; drawing happens on a timer, so the work being counted is not
 * slowed by it.
 */

/** Where progress is written: a TTY gets the live line. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Leads every line, e.g. `load`. */
  label: string;
  /** What is counted, plural, e.g. `requests`. */
  unit: string;
  /** A known count of items; the fraction done is done/total. */
  total?: number;
  /** Or a time budget; the fraction done is elapsed/duration. */
  durationMs?: number;
  stream?: ProgressStream;
  /** Milliseconds clock; injectable so tests need no timers. */
  now?: () => number;
}

/** Live line redraw period on a terminal. */
const TTY_REDRAW_MS = 200;
/** How often a non-terminal checks whether a line is due. */
const LOG_CHECK_MS = 500;
/** A line is due in a log after this long without one, even between tenths. */
const LOG_HEARTBEAT_MS = 5_000;
const CLEAR_TO_END = '\u001b[K';

export class Progress {
  private done = 0;
  private readonly started: number;
  private readonly stream: ProgressStream;
  private readonly now: () => number;
  private readonly live: boolean;
  private timer: NodeJS.Timeout | undefined;
  private lastLineAt: number;
  private lastTenth = 0;
  private finished = false;

  constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stdout;
    this.now = options.now ?? (() => performance.now());
    this.live = Boolean(this.stream.isTTY);
    this.started = this.now();
    this.lastLineAt = this.started;
  }

  /** Draws on a timer until finish(); the timer never keeps the process alive. */
  start(): this {
    this.timer = setInterval(() => this.render(), this.live ? TTY_REDRAW_MS : LOG_CHECK_MS);
    this.timer.unref();
    return this;
  }

  advance(count = 1): void {
    this.done += count;
  }

  /** A line of the caller's own: above the live line on a terminal, as it is in a log. */
  log(line: string): void {
    if (!this.live || this.finished) {
      this.stream.write(`${line}\n`);
      return;
    }
    this.stream.write(`\r${CLEAR_TO_END}${line}\n`);
    this.render();
  }

  /** Draws the live line, or writes a log line when one is due. */
  render(): void {
    if (this.finished) return;
    const now = this.now();
    if (this.live) {
      this.stream.write(`\r${this.line(now)}${CLEAR_TO_END}`);
      return;
    }
    const tenth = Math.floor(this.fraction(now) * 10);
    if (tenth > this.lastTenth || now - this.lastLineAt >= LOG_HEARTBEAT_MS) {
      this.lastTenth = Math.max(this.lastTenth, tenth);
      this.lastLineAt = now;
      this.stream.write(`${this.line(now)}\n`);
    }
  }

  /** Stops drawing and leaves one final line. */
  finish(): void {
    if (this.finished) return;
    if (this.timer) clearInterval(this.timer);
    const text = `${this.line(this.now(), true)}\n`;
    this.finished = true;
    this.stream.write(this.live ? `\r${text.trimEnd()}${CLEAR_TO_END}\n` : text);
  }

  private fraction(now: number): number {
    const { total, durationMs } = this.options;
    if (total !== undefined && total > 0) return Math.min(1, this.done / total);
    if (durationMs !== undefined && durationMs > 0) return Math.min(1, (now - this.started) / durationMs);
    return 0;
  }

  private line(now: number, final = false): string {
    const elapsedMs = Math.max(0, now - this.started);
    const seconds = elapsedMs / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const { label, unit, total, durationMs } = this.options;
    const count = total !== undefined ? `${this.done}/${total} ${unit}` : `${this.done} ${unit}`;
    const share = total !== undefined || durationMs !== undefined ? ` (${Math.floor(this.fraction(now) * 100)}%)` : '';
    const clock = durationMs !== undefined && total === undefined ? `${seconds.toFixed(1)}/${Number((durationMs / 1000).toFixed(1))} s` : `${seconds.toFixed(1)} s`;
    return `${label}: ${final ? 'done ' : ''}${count}${share}, ${formatRate(rate)}/s, ${clock}`;
  }
}

function formatRate(rate: number): string {
  return rate >= 100 ? rate.toFixed(0) : rate.toFixed(1);
}
