/**
 * How the bench measures a child process: wall time from spawn to exit, and the kernel's own count
 * of its CPU time and peak memory, from GNU time (nothing is added to the process measured).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';
/** No child may run longer than this; a hung child fails the bench instead of stalling it. */
const CHILD_BOUND_MS = 120_000;

export interface Sample {
  ms: number;
  /** User + system CPU of the child, all its threads. */
  cpuMs: number;
  maxRssKb: number;
  stdout: string;
}

export function haveGnuTime(): boolean {
  return fs.existsSync(GNU_TIME);
}

/** Runs `node args` under GNU time; rejects when it exits otherwise than expected. */
export function timedNode(args: readonly string[], expectCode = 0): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(GNU_TIME, ['-f', '%M %U %S', process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_BOUND_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const lines = stderr.trimEnd().split('\n');
      const [maxRssKb = NaN, userS = NaN, systemS = NaN] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
      if (code !== expectCode || !Number.isFinite(maxRssKb)) {
        reject(new Error(`node ${args.map((arg) => path.basename(arg)).join(' ')} exited ${code}, expected ${expectCode}:\n${stdout}${stderr}`));
        return;
      }
      resolve({ ms, cpuMs: (userS + systemS) * 1000, maxRssKb, stdout });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Runs both sides `times` times, alternating which goes first, so drift in machine load hits both. */
export async function alternate<T>(times: number, first: () => Promise<T>, second: () => Promise<T>): Promise<[T[], T[]]> {
  const a: T[] = [];
  const b: T[] = [];
  for (let index = 0; index < times; index++) {
    if (index % 2 === 0) {
      a.push(await first());
      b.push(await second());
    } else {
      b.push(await second());
      a.push(await first());
    }
  }
  return [a, b];
}
