/**
 * The exit codes of every command: the one definition. `--help` prints it and a test holds the
 * README's table to it, so a code and its meaning are written here only.
 */
export const EXIT_CODES = {
  passed: { code: 0, meaning: 'every check that ran passed (expected failures listed in `--known-failures` aside)' },
  failed: {
    code: 1,
    meaning: 'a conformance check failed or errored (a timeout is an error), a known-failures entry is stale, or, in certification, a required check did not run and pass',
  },
  usage: {
    code: 2,
    meaning:
      'usage or input error: bad flag, bad JSON, unreadable file, unknown type, type not detectable from a plugin that serves gRPC, a bad fleet file, an opt-in input whose request the core could not send (e.g. a list where the message has a Struct) or that another type takes, a `--grep` or known-failures entry that selects no check, a report path no file can be created at (checked by creating one), two reports on one path, with `--exec` a `--target` port already taken. Nothing was run, no report written',
  },
  unreachable: { code: 3, meaning: 'the target could not be reached, speaks no gRPC (an HTTP/1 server, a silent listener: with or without `--type`, and in `describe`), or went away during the run. The report says which check saw it go' },
  internal: { code: 4, meaning: 'internal harness error (a bug: please report it), or a report path checked before the run could not be written after it (it changed since); the other reports are written, and stderr says which failed' },
  /** 128 + the signal's number: SIGINT gives 130, SIGTERM 143 (see interruptedExitCode). */
  interrupted: { code: 130, shown: '130 / 143', meaning: 'interrupted by SIGINT / SIGTERM; the report of what ran so far is written. The process ends within 10 s of the signal at any stage (stopping an `--exec` plugin, writing); a second signal ends it at once' },
} as const;

type ExitCodes = typeof EXIT_CODES;

/** The codes by name, for code that ends a command. */
export const EXIT = Object.fromEntries(Object.entries(EXIT_CODES).map(([name, { code }]) => [name, code])) as {
  readonly [Name in keyof ExitCodes]: ExitCodes[Name]['code'];
};

/** How a code is written in the README table and in --help (130 stands for every signal). */
export function shownCode(definition: ExitCodes[keyof ExitCodes]): string {
  return 'shown' in definition ? definition.shown : String(definition.code);
}

/** The "Exit codes:" section of --help. */
export function exitCodesHelp(): string {
  const rows = Object.values(EXIT_CODES).map((definition) => `  ${shownCode(definition).padEnd(10)} ${definition.meaning.replace(/`/g, '')}`);
  return ['', 'Exit codes:', ...rows].join('\n');
}
