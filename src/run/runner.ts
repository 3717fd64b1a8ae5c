/**
 * Runs a type's suite with mocha against one target and returns one RunReport. Prerequisites,
 * a lost target, --grep and interruption are handled here once, so checks stay small.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Mocha from 'mocha';
import type { RunConfig } from '../config.js';
import type { RpcSpec } from '../catalog/types.js';
import { PluginClient, probeTcp } from '../grpc/client.js';
import { loadProtoRoot, methodCodec } from '../grpc/protos.js';
import type { JsonObject } from '../grpc/struct.js';
import { packageRoot } from '../paths.js';
import { checkId, type Suite } from '../checks/suite.js';
import { leadingChecks, trailingChecks } from '../checks/common.js';
import type { CheckDefinition, RunContext, RunFacts, Verdict } from '../checks/check.js';
import type { CheckResult, RunReport } from './results.js';
import { Redactor } from './redact.js';
import { harnessVersion } from '../version.js';
import { metadataDigest } from './identity.js';

/** Slack on top of a check's RPC deadlines for its own work. */
const CHECK_SLACK_MS = 5_000;

export interface RunHooks {
  onResult?(result: CheckResult): void;
}

export class Run {
  private readonly results = new Map<string, CheckResult>();
  private readonly started = Date.now();
  private readonly redactor: Redactor;
  private targetLost: string | undefined;
  private inFlight: { check: CheckDefinition; started: number } | undefined;
  private interrupted: string | undefined;
  private checks: CheckDefinition[] = [];
  private readonly facts: RunFacts = {};

  constructor(private readonly config: RunConfig, private readonly hooks: RunHooks = {}) {
    this.redactor = Redactor.fromInputs([config.secretData], [config.options, ...Object.values(config.optIn)]);
  }

  get redact(): Redactor {
    return this.redactor;
  }

  async execute(): Promise<RunReport> {
    const suite = await loadSuite(this.config.entry.name);
    const entry = this.config.entry;
    this.checks = [...leadingChecks(entry), ...suite(entry), ...trailingChecks(entry)];
    const client = new PluginClient(this.config.target);
    try {
      await this.runWithMocha(this.createContext(client));
    } finally {
      client.close();
    }
    return this.report();
  }

  /** --grep selects checks; their prerequisites run too, or nothing selected could. */
  private selectionPattern(grep: RegExp): RegExp {
    const selected = new Set(this.checks.filter((check) => grep.test(this.id(check))).map((check) => this.id(check)));
    const byLocalName = new Map(this.checks.map((check) => [`${check.group}/${check.name}`, check]));
    const pending = [...selected];
    while (pending.length > 0) {
      const next = pending.pop();
      const check = this.checks.find((candidate) => this.id(candidate) === next);
      for (const local of check?.requires ?? []) {
        const prerequisite = byLocalName.get(local);
        if (prerequisite && !selected.has(this.id(prerequisite))) {
          selected.add(this.id(prerequisite));
          pending.push(this.id(prerequisite));
        }
      }
    }
    const escaped = [...selected].map((id) => id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    return new RegExp(`(?:^| )(?:${escaped.join('|') || '(?!)'})$`);
  }

  /** Stops at once: the check in flight becomes an error, the rest not run, and the report is whole. */
  interrupt(reason: string): RunReport {
    this.interrupted = reason;
    if (this.inFlight) {
      this.record(this.inFlight.check, { status: 'error', message: `interrupted (${reason}) while running` }, Date.now() - this.inFlight.started);
    }
    return this.report();
  }

  report(): RunReport {
    const report: RunReport = {
      harness: { name: 'plugin-conformance', version: harnessVersion() },
      type: this.config.entry.name,
      target: this.config.targetText,
      startedAt: new Date(this.started).toISOString(),
      durationMs: Date.now() - this.started,
      results: this.checks.map((check) => this.results.get(this.id(check)) ?? this.unrun(check)),
    };
    if (this.targetLost) report.targetLost = this.targetLost;
    if (this.interrupted) report.interrupted = this.interrupted;
    if (this.facts.metadata) report.plugin = { metadataDigest: metadataDigest(this.facts.metadata) };
    return this.redactor.deep(report);
  }

  private unrun(check: CheckDefinition): CheckResult {
    if (this.config.grep && !this.config.grep.test(this.id(check))) {
      return this.result(check, { status: 'skipped', message: `not selected by --grep ${this.config.grep.source}` }, 0);
    }
    const reason = this.interrupted ? `run interrupted (${this.interrupted})` : this.targetLost ?? 'not reached';
    return this.result(check, { status: 'skipped', message: reason }, 0, 'not-run');
  }

  private id(check: CheckDefinition): string {
    return checkId(this.config.entry, check);
  }

  private createContext(client: PluginClient): RunContext {
    const config = this.config;
    const root = loadProtoRoot(config.entry.protoFiles);
    const codecFor = (spec: RpcSpec) => {
      const [service = '', method = ''] = spec.rpc.split('.');
      const fullName = config.entry.services[service]?.fullName;
      if (!fullName) throw new Error(`${config.entry.name} declares no service ${service}`);
      return methodCodec(root, fullName, method);
    };
    const baseInputs: JsonObject = { options: config.options, secret_data: config.secretData, domain_id: config.domainId };
    const facts = this.facts;
    return {
      config,
      entry: config.entry,
      client,
      root,
      facts,
      request(spec, extra = {}) {
        const inputs = { ...baseInputs, ...extra };
        const request: JsonObject = {};
        for (const key of spec.sends) if (inputs[key] !== undefined) request[key] = inputs[key] ?? null;
        return request;
      },
      unary: (spec, request) => client.unary(codecFor(spec), request, config.timeoutMs),
      call(spec, request) {
        const codec = codecFor(spec);
        return codec.responseStream ? client.serverStream(codec, request, config.timeoutMs) : client.unary(codec, request, config.timeoutMs);
      },
    };
  }

  private runWithMocha(context: RunContext): Promise<void> {
    const mocha = new Mocha({ reporter: QuietReporter, timeout: 0, bail: false });
    if (this.config.grep) mocha.grep(this.selectionPattern(this.config.grep));
    const suites = new Map<string, Mocha.Suite>();
    for (const check of this.checks) {
      let suite = suites.get(check.group);
      if (!suite) {
        suite = Mocha.Suite.create(mocha.suite, check.group);
        suites.set(check.group, suite);
      }
      const run = this;
      const test = new Mocha.Test(this.id(check), async function () {
        await run.runCheck(check, context);
      });
      test.timeout((check.calls ?? 0) * this.config.timeoutMs + CHECK_SLACK_MS);
      suite.addTest(test);
    }
    return new Promise((resolve) => {
      const runner = mocha.run(() => resolve());
      // A check that outlives its budget: mocha gives up on it; the report says so.
      runner.on('fail', (test: Mocha.Runnable, error: Error) => {
        const check = this.checks.find((candidate) => this.id(candidate) === test.title);
        if (check && !this.results.has(test.title)) this.record(check, { status: 'error', message: error.message }, test.duration ?? 0);
      });
    });
  }

  private async runCheck(check: CheckDefinition, context: RunContext): Promise<void> {
    if (this.interrupted) return;
    const blocked = this.blockedBy(check);
    if (blocked) {
      this.record(check, { status: 'skipped', message: blocked }, 0, 'not-run');
      return;
    }
    const started = Date.now();
    this.inFlight = { check, started };
    let verdict: Verdict;
    try {
      verdict = await check.run(context);
    } catch (error) {
      verdict = { status: 'error', message: `harness error in this check: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.inFlight = undefined;
    // Interrupted, or mocha already gave up on this check at its time budget: that result stands.
    if (this.interrupted || this.results.has(this.id(check))) return;
    await this.noticeLostTarget(check, verdict);
    this.record(check, verdict, Date.now() - started);
  }

  /** Why a check cannot run: the target is gone, or a prerequisite did not pass. */
  private blockedBy(check: CheckDefinition): string | undefined {
    if (this.targetLost) return this.targetLost;
    for (const local of check.requires ?? []) {
      const prerequisite = this.results.get(`${this.config.entry.name}/${local}`);
      if (!prerequisite || prerequisite.status !== 'passed') {
        return `prerequisite ${local} ${prerequisite ? (prerequisite.status === 'not-run' ? 'did not run' : prerequisite.status) : 'was not run'}`;
      }
    }
    return undefined;
  }

  /** The first check that cannot reach the target says so; every later one is reported not run. */
  private async noticeLostTarget(check: CheckDefinition, verdict: Verdict): Promise<void> {
    if (verdict.status !== 'error') return;
    if (check.group === 'connect') {
      this.targetLost = `target ${this.config.targetText} unreachable: ${verdict.message.replace(/^cannot reach \S+: /, '')}`;
      return;
    }
    const lostConnection = verdict.details?.some((detail) => detail.grpcCode === 'UNAVAILABLE');
    if (lostConnection && !(await probeTcp(this.config.target, 1_000)).ok) {
      this.targetLost = `connection to ${this.config.targetText} lost during ${this.id(check)}`;
    }
  }

  private record(check: CheckDefinition, verdict: Verdict, durationMs: number, status?: CheckResult['status']): void {
    const result = this.redactor.deep(this.result(check, verdict, durationMs, status));
    this.results.set(result.id, result);
    this.hooks.onResult?.(result);
  }

  private result(check: CheckDefinition, verdict: Verdict, durationMs: number, status?: CheckResult['status']): CheckResult {
    return {
      id: this.id(check),
      group: check.group,
      description: check.description,
      status: status ?? verdict.status,
      message: verdict.status === 'passed' ? '' : verdict.message,
      details: verdict.status === 'skipped' ? [] : verdict.details ?? [],
      warnings: verdict.status === 'skipped' ? [] : verdict.warnings ?? [],
      durationMs,
    };
  }
}

/** Mocha drives the run; what is printed comes from our own reporters. */
class QuietReporter extends Mocha.reporters.Base {}

async function loadSuite(typeName: string): Promise<Suite> {
  const file = path.join(packageRoot, 'dist', 'suites', `${typeName}.js`);
  const module = (await import(pathToFileURL(file).href)) as { default: Suite };
  return module.default;
}
