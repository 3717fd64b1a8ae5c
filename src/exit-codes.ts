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
      'usage or input error: bad flag, bad JSON, unreadable file, unknown type, type not detectable, a bad fleet file, an opt-in input whose request the core could not send (e.g. a list where the message has a Struct), with `--exec` a `--target` port already taken. Nothing was run, no report written',
  },
  unreachable: { code: 3, meaning: 'the target could not be reached, or went away during the run. The report says which check saw it go' },
  internal: { code: 4, meaning: 'internal harness error (a bug: please report it)' },
  /** 128 + the signal's number: SIGINT gives 130, SIGTERM 143 (see interruptedExitCode). */
  interrupted: { code: 130, shown: '130 / 143', meaning: 'interrupted by SIGINT / SIGTERM; the report of what ran so far is written' },
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
