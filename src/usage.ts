/**
 * How a command stops on bad input: one line of text and a documented exit code, raised before
 * anything is dialled or written. Its own module, so every reader of user input can import it
 * without importing the run configuration.
 */
import fs from 'node:fs';

export class UsageError extends Error {}

/** Ends a command before any check runs, with one line and this exit code. */
export class CommandExit extends Error {
  constructor(readonly exitCode: number, message: string) {
    super(message);
  }
}

/** Reads a file the user named; an unreadable one is one UsageError line: `unreadable`, then why. */
export function readUserFile(file: string, unreadable: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${unreadable}${code === 'ENOENT' ? ': no such file' : code ? `: ${code}` : ''}`);
  }
}
