import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../usage.js';

/** Writes a report whole or not at all: a temp file beside the target, then one rename. */
export function writeAtomic(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Fails before the work, not after it, when a report could not be written. */
export function assertWritable(flag: string, file: string): void {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`${flag} ${file} is a directory`);
  let directory = path.dirname(file);
  while (!fs.existsSync(directory)) directory = path.dirname(directory);
  if (!fs.statSync(directory).isDirectory()) throw new UsageError(`${flag} ${file}: ${directory} is not a directory`);
  try {
    fs.accessSync(directory, fs.constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${file}: directory ${directory} is not writable`);
  }
}
