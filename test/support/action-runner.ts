/**
 * Runs the composite action (action.yml) as a GitHub runner runs it, for tests: each `run:` step
 * with `bash --noprofile --norc -eo pipefail` (the runner's `shell: bash`), its own
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, RUNNER_TEMP, GITHUB_ACTION_PATH and
 * GITHUB_WORKSPACE, the step's `env:` with its expressions substituted, and the action's outputs
 * resolved from the steps' outputs. `uses:` steps (setup-node, cache) are not run: they need the
 * GitHub service and set up what the test machine already has (Node 20, a warm npm cache).
 *
 * Only the expressions the action uses are understood (`${{ inputs.x }}`, `${{ steps.id.outputs.x }}`,
 * `${{ github.action_path }}`, `${{ runner.os }}`, `${{ runner.temp }}`); any other fails the test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { runProcess } from './processes.js';

export interface ActionStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

export interface ActionDefinition {
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface StepRun {
  id: string;
  /** Not run: a `uses:` step, or a step after a failure. */
  skipped?: 'uses' | 'earlier failure' | 'not selected';
  exitCode?: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionRun {
  steps: StepRun[];
  /** The action's outputs, as the calling workflow reads them. */
  outputs: Record<string, string>;
  /** Every step's summary, in order, as the job summary page shows them. */
  summary: string;
  /** Whether the action's step failed in the calling workflow: some step exited non-zero. */
  failed: boolean;
  /** Everything the steps printed, for searching. */
  log: string;
}

export interface ActionRunOptions {
  inputs: Record<string, string>;
  /** The action's checkout (GITHUB_ACTION_PATH); action.yml is read from here unless `definition` is given. */
  actionPath: string;
  definition?: ActionDefinition;
  workspace: string;
  runnerTemp: string;
  /** Extra environment for every step (the runner's own variables are set here). */
  env?: Record<string, string>;
  /** Run only the steps with these ids (the rest are reported not selected). */
  only?: readonly string[];
  /** Bound of each step; the step is killed after it. */
  stepBoundMs?: number;
}

export function readActionDefinition(file: string): ActionDefinition {
  return parse(fs.readFileSync(file, 'utf8')) as ActionDefinition;
}

/** What the runner replaces a `${{ }}` expression with, for the subset the action uses. */
export function substitute(text: string, context: { inputs: Record<string, string>; steps: Record<string, Record<string, string>>; github: Record<string, string>; runner: Record<string, string> }): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_whole, expression: string) => {
    const match = /^(inputs|steps|github|runner)\.([\w-]+)(?:\.outputs\.([\w-]+))?$/.exec(expression);
    if (!match) throw new Error(`expression not understood by the test runner: \${{ ${expression} }}`);
    const [, scope, name = '', output] = match;
    if (scope === 'steps') {
      if (output === undefined) throw new Error(`expression not understood by the test runner: \${{ ${expression} }}`);
      return context.steps[name]?.[output] ?? '';
    }
    if (output !== undefined) throw new Error(`expression not understood by the test runner: \${{ ${expression} }}`);
    const value = context[scope as 'inputs' | 'github' | 'runner'][name];
    if (value === undefined) throw new Error(`unknown ${scope}.${name} in \${{ ${expression} }}`);
    return value;
  });
}

/** A GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` ... `DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value: string[] = [];
      for (index++; index < lines.length && lines[index] !== delimiter; index++) value.push(lines[index] ?? '');
      if (index >= lines.length) throw new Error(`GITHUB_OUTPUT: ${name} has no closing ${delimiter}`);
      outputs[name] = value.join('\n');
      continue;
    }
    const equals = line.indexOf('=');
    if (equals < 0) throw new Error(`GITHUB_OUTPUT: not name=value: ${line}`);
    outputs[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return outputs;
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const definition = options.definition ?? readActionDefinition(path.join(options.actionPath, 'action.yml'));
  if (definition.runs.using !== 'composite') throw new Error(`not a composite action: ${definition.runs.using}`);
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(definition.inputs)) inputs[name] = options.inputs[name] ?? input.default ?? '';
  for (const name of Object.keys(options.inputs)) if (!(name in definition.inputs)) throw new Error(`the action has no input ${name}`);
  const context = {
    inputs,
    steps: {} as Record<string, Record<string, string>>,
    github: { action_path: options.actionPath, workspace: options.workspace },
    runner: { os: 'Linux', temp: options.runnerTemp },
  };
  const files = fs.mkdtempSync(path.join(options.runnerTemp, '_runner_file_commands-'));
  const runs: StepRun[] = [];
  let failed = false;
  for (const [position, step] of definition.runs.steps.entries()) {
    const id = step.id ?? `__step${position}`;
    const base: StepRun = { id, stdout: '', stderr: '', outputs: {}, summary: '' };
    if (step.uses !== undefined) {
      runs.push({ ...base, skipped: 'uses' });
      continue;
    }
    if (options.only && !options.only.includes(id)) {
      runs.push({ ...base, skipped: 'not selected' });
      continue;
    }
    if (failed && !/always\(\)|failure\(\)/.test(step.if ?? '')) {
      runs.push({ ...base, skipped: 'earlier failure' });
      continue;
    }
    if (step.run === undefined || step.shell !== 'bash') throw new Error(`step ${id}: only run steps with shell: bash are supported`);
    const outputFile = path.join(files, `output-${position}`);
    const summaryFile = path.join(files, `summary-${position}`);
    const scriptFile = path.join(files, `step-${position}.sh`);
    fs.writeFileSync(outputFile, '');
    fs.writeFileSync(summaryFile, '');
    // The runner writes the script with its expressions already replaced.
    fs.writeFileSync(scriptFile, substitute(step.run, context));
    const stepEnv: Record<string, string> = {};
    for (const [name, value] of Object.entries(step.env ?? {})) stepEnv[name] = substitute(String(value), context);
    const env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? options.runnerTemp,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: options.runnerTemp,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_ACTION_PATH: options.actionPath,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...options.env,
      ...stepEnv,
    };
    // What the runner runs for `shell: bash`.
    const ran = await runProcess('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], { cwd: options.workspace, env, boundMs: options.stepBoundMs ?? 600_000 });
    const result = { exitCode: ran.code, stdout: ran.stdout, stderr: ran.stderr };
    const outputs = parseOutputFile(fs.readFileSync(outputFile, 'utf8'));
    context.steps[id] = outputs;
    runs.push({ ...base, ...result, outputs, summary: fs.readFileSync(summaryFile, 'utf8') });
    if (result.exitCode !== 0) failed = true;
  }
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(definition.outputs)) outputs[name] = substitute(output.value, context);
  return {
    steps: runs,
    outputs,
    summary: runs.map((run) => run.summary).join(''),
    failed,
    log: runs.map((run) => run.stdout + run.stderr).join(''),
  };
}
