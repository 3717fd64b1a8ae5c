import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../usage.js';

/** `-` as a report path: the report goes to stdout (and the console to stderr), for every report flag and command. */
export const STDOUT_PATH = '-';

/**
 * Directories a report path may create, at most. Created one level at a time: Node's recursive
 * mkdir spins for ever where mkdir keeps answering ENOENT (under /proc), which is how a report
 * path once hung a run past SIGTERM.
 */
const MAX_NEW_DIRECTORIES = 32;

/**
 * Writes a report whole or not at all: a fresh temp file beside the target, then one rename.
 * The temp file is created exclusively and non-blocking, so nothing already at its name (a FIFO
 * nobody reads) can make the write wait; every step fails at once or completes.
 */
export function writeAtomic(file: string, content: string): void {
  ensureDirectory(path.dirname(file));
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    const descriptor = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NONBLOCK, 0o644);
    try {
      fs.writeFileSync(descriptor, content);
    } finally {
      fs.closeSync(descriptor);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Creates the directory and its missing parents, one bounded step at a time. */
export function ensureDirectory(directory: string): void {
  const missing: string[] = [];
  let current = path.resolve(directory);
  while (!isDirectory(current)) {
    if (fs.existsSync(current)) throw Object.assign(new Error(`ENOTDIR: ${current} is not a directory`), { code: 'ENOTDIR' });
    const parent = path.dirname(current);
    if (parent === current || missing.length >= MAX_NEW_DIRECTORIES) throw Object.assign(new Error(`ENOENT: cannot create ${directory}`), { code: 'ENOENT' });
    missing.unshift(current);
    current = parent;
  }
  for (const created of missing) {
    try {
      fs.mkdirSync(created);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !isDirectory(created)) throw error;
    }
  }
}

/**
 * Fails before the work, not after it, when a report could not be written: the path must be a
 * regular file or nothing, and a file must really be creatable in its directory (or in the
 * nearest existing parent, when directories are still to be made). Access bits alone do not
 * say so: root may "write" to /proc, where no file can be created.
 */
export function assertWritable(flag: string, file: string): void {
  if (file === STDOUT_PATH) return;
  const existing = statOf(file);
  if (existing?.isDirectory()) throw new UsageError(`${flag} ${file} is a directory`);
  if (existing && !existing.isFile()) throw new UsageError(`${flag} ${file} is not a regular file (a device, FIFO or socket would be replaced, not written)`);
  let directory = path.dirname(file);
  for (let depth = 0; !fs.existsSync(directory); depth += 1) {
    const parent = path.dirname(directory);
    if (parent === directory || depth >= MAX_NEW_DIRECTORIES) throw new UsageError(`${flag} ${file}: no existing parent directory`);
    directory = parent;
  }
  if (!isDirectory(directory)) throw new UsageError(`${flag} ${file}: ${directory} is not a directory`);
  const probe = path.join(directory, `.plugin-conformance-probe.${process.pid}.${crypto.randomBytes(4).toString('hex')}`);
  try {
    fs.mkdirSync(probe);
    fs.rmdirSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`${flag} ${file}: cannot create files in ${directory} (${code})`);
  }
}

/** Two reports on one path would leave only the last one written: refused before anything runs. */
export function assertDistinctPaths(files: ReadonlyArray<{ flag: string; file: string }>): void {
  for (const [index, { flag, file }] of files.entries()) {
    const earlier = files.slice(0, index).find((other) => other.file === file);
    if (earlier) throw new UsageError(`${earlier.flag} and ${flag} both name ${file === STDOUT_PATH ? 'stdout (-)' : file}; give each report its own path`);
  }
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function isDirectory(file: string): boolean {
  return statOf(file)?.isDirectory() ?? false;
}
