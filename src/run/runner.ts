/**
 * Runs a type's suite with mocha against one target and returns one RunReport. Prerequisites,
 * a lost target, --grep and interruption are handled here once, so checks stay small.
 */
import Mocha from 'mocha';
import type { RunConfig } from '../config.js';
import type { RpcSpec } from '../model/service-type.js';
import { PluginClient, targetGone } from '../grpc/client.js';
import { loadProtoRoot } from '../grpc/protos.js';
import { coreInputs, coreRequest, officialCodec } from './calls.js';
import { checkId } from '../model/suite.js';
import { checksForRun, isRequired } from '../checks/requirements.js';
import type { CheckDefinition, RunContext, RunFacts, Verdict } from '../model/check.js';
import { ownStatus, type CheckResult, type RunReport } from '../model/results.js';
import { Redactor } from './redact.js';
import { applyPolicy, markStaleEntries, policyNotes } from './policy.js';
import { harnessVersion } from '../version.js';
import { metadataDigest } from './plugin-identity.js';

/** Slack on top of a check's RPC deadlines for its own work. */
const CHECK_SLACK_MS = 5_000;
/** Slack on top of the checks' budgets for the run itself: start-up, protos, the report. */
const RUN_SLACK_MS = 5_000;

/** What a run will do, known before it starts: the bound is the longest it can take. */
export interface RunPlan {
  checks: number;
  calls: number;
  /** Of those calls, the server streams: each has --stream-timeout in all. */
  streams: number;
  boundMs: number;
}

export interface RunHooks {
  onPlan?(plan: RunPlan): void;
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
  private readonly streaming = new Map<string, boolean>();

  constructor(private readonly config: RunConfig, private readonly hooks: RunHooks = {}) {
    this.redactor = Redactor.fromInputs([config.secretData], [config.options, ...Object.values(config.optIn)]);
  }

  get redact(): Redactor {
    return this.redactor;
  }

  async execute(): Promise<RunReport> {
    this.checks = await checksForRun(this.config);
    this.hooks.onPlan?.(this.plan());
    // No target: only manifest checks run, and none of them calls the plugin.
    const client = this.config.target ? new PluginClient(this.config.target) : undefined;
    try {
      await this.runWithMocha(this.createContext(client));
    } finally {
      client?.close();
    }
    return this.report();
  }

  /**
   * Every check has a budget (its RPC deadlines plus slack) that mocha enforces, so a run can
   * never take longer than the sum over the checks it runs.
   */
  private plan(): RunPlan {
    const selected = this.config.grep ? this.selectedIds(this.config.grep) : undefined;
    const running = this.checks.filter((check) => !selected || selected.has(this.id(check)));
    const calls = running.reduce((sum, check) => sum + this.callsOf(check).calls, 0);
    const streams = running.reduce((sum, check) => sum + this.callsOf(check).streams, 0);
    const boundMs = running.reduce((sum, check) => sum + this.budgetMs(check), RUN_SLACK_MS);
    return { checks: running.length, calls, streams, boundMs };
  }

  /** Its calls' deadlines plus slack; a server stream's deadline is --stream-timeout, not --timeout. */
  private budgetMs(check: CheckDefinition): number {
    const { calls, streams } = this.callsOf(check);
    const streamMs = Math.max(this.config.streamTimeoutMs, this.config.timeoutMs);
    return (calls - streams) * this.config.timeoutMs + streams * streamMs + CHECK_SLACK_MS;
  }

  /** The calls a check may make, and how many of them are server streams. */
  private callsOf(check: CheckDefinition): { calls: number; streams: number } {
    // An opt-in call not asked for is not made.
    const calls = check.optIn && !this.config.optIn[check.optIn] ? 0 : (check.calls ?? 0);
    return { calls, streams: Math.min(calls, (check.rpcs ?? []).filter((rpc) => this.streams(rpc)).length) };
  }

  /** Whether the official protos declare this method server streaming (the calls' deadlines follow). */
  private streams(rpc: string): boolean {
    const known = this.streaming.get(rpc);
    if (known !== undefined) return known;
    let streaming = false;
    try {
      streaming = officialCodec(this.config.entry, loadProtoRoot(this.config.entry.protoFiles), { rpc: rpc as RpcSpec['rpc'], sends: [] }).responseStream;
    } catch {
      // A method the official protos lack is called unary, if at all.
    }
    this.streaming.set(rpc, streaming);
    return streaming;
  }

  /** --grep selects checks; their prerequisites run too, or nothing selected could. */
  private selectionPattern(grep: RegExp): RegExp {
    const escaped = [...this.selectedIds(grep)].map((id) => id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    return new RegExp(`(?:^| )(?:${escaped.join('|') || '(?!)'})$`);
  }

  private selectedIds(grep: RegExp): Set<string> {
    const selected = new Set(this.checks.filter((check) => grep.test(this.id(check))).map((check) => this.id(check)));
    const byLocalName = new Map(this.checks.map((check) => [`${check.group}/${check.name}`, check]));
    const pending = [...selected];
    while (pending.length > 0) {
      const next = pending.pop();
      const check = this.checks.find((candidate) => this.id(candidate) === next);
      for (const local of check ? this.prerequisites(check) : []) {
        const prerequisite = byLocalName.get(local);
        if (prerequisite && !selected.has(this.id(prerequisite))) {
          selected.add(this.id(prerequisite));
          pending.push(this.id(prerequisite));
        }
      }
    }
    return selected;
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
      profile: this.config.profile,
      strict: this.config.strict,
      results: markStaleEntries(this.config, this.checks.map((check) => this.results.get(this.id(check)) ?? this.unrun(check))),
    };
    const notes = policyNotes(this.config, report.results);
    if (notes.length > 0) report.notes = notes;
    if (this.config.typeDetection) report.typeDetection = this.config.typeDetection;
    if (this.targetLost) report.targetLost = this.targetLost;
    if (this.interrupted) report.interrupted = this.interrupted;
    if (this.facts.metadata) report.plugin = { metadataDigest: metadataDigest(this.facts.metadata) };
    return this.redactor.deep(report);
  }

  private unrun(check: CheckDefinition): CheckResult {
    if (this.config.grep && !this.config.grep.test(this.id(check))) {
      return this.result(check, { status: 'skipped', message: `not selected by --grep ${this.config.grep.source}`, howToRun: 'widen --grep to select it' }, 0);
    }
    const reason = this.interrupted ? `run interrupted (${this.interrupted})` : this.targetLost ?? 'not reached';
    return this.result(check, { status: 'skipped', message: reason }, 0, 'not-run');
  }

  private id(check: CheckDefinition): string {
    return checkId(this.config.entry, check);
  }

  private createContext(maybeClient: PluginClient | undefined): RunContext {
    const config = this.config;
    const target = (): PluginClient => {
      if (!maybeClient) throw new Error('this check needs a running plugin: no --target was given');
      return maybeClient;
    };
    const root = loadProtoRoot(config.entry.protoFiles);
    const facts = this.facts;
    // The 2.x core encodes with the plugin's reflected descriptors; the official protos otherwise.
    const codecFor = (spec: RpcSpec) => facts.pluginCodecs?.get(spec.rpc) ?? officialCodec(config.entry, root, spec);
    const inputs = coreInputs(config);
    const served = servedGate(config);
    return {
      config,
      entry: config.entry,
      get client() {
        return target();
      },
      root,
      facts,
      request: (spec, extra = {}) => coreRequest(spec, inputs, extra),
      unary: (spec, request) => {
        served(spec);
        return target().unary(codecFor(spec), request, config.timeoutMs);
      },
      call(spec, request, streamDeadlineMs) {
        served(spec);
        const codec = codecFor(spec);
        return codec.responseStream
          ? target().serverStream(codec, request, streamDeadlineMs ?? Math.max(config.streamTimeoutMs, config.timeoutMs), config.timeoutMs)
          : target().unary(codec, request, config.timeoutMs);
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
      test.timeout(this.budgetMs(check));
      suite.addTest(test);
    }
    return new Promise((resolve) => {
      // Disposed at the end: each runner adds process listeners, which would pile up over several runs in one process.
      const runner = mocha.run(() => {
        runner.dispose();
        resolve();
      });
      // A check that outlives its budget: mocha gives up on it; the report says so.
      runner.on('fail', (test: Mocha.Runnable, error: Error) => {
        const check = this.checks.find((candidate) => this.id(candidate) === test.title);
        if (!check || this.results.has(test.title)) return;
        if (this.inFlight?.check === check) this.inFlight = undefined;
        const overBudget = /^Timeout of \d+ms exceeded/.test(error.message);
        const message = overBudget
          ? `the check exceeded its time budget of ${this.budgetMs(check)} ms (${check.calls ?? 0} call deadline(s) of ${this.config.timeoutMs} ms, a stream's of ${this.config.streamTimeoutMs} ms, + ${CHECK_SLACK_MS} ms)`
          : `harness error in this check: ${error.message}`;
        this.record(check, { status: 'error', message }, test.duration ?? 0);
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
    let status: CheckResult['status'] | undefined;
    try {
      verdict = await check.run(context);
    } catch (error) {
      if (error instanceof NotServed) {
        verdict = { status: 'skipped', message: error.message };
        status = 'not-run';
      } else {
        verdict = { status: 'error', message: `harness error in this check: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    // Cleared only if still ours: a check over budget finishes while the next one is in flight.
    if (this.inFlight?.check === check) this.inFlight = undefined;
    // Interrupted, or mocha already gave up on this check at its time budget: that result stands.
    if (this.interrupted || this.results.has(this.id(check))) return;
    await this.noticeLostTarget(check, verdict);
    this.record(check, verdict, Date.now() - started, status);
  }

  private prerequisites(check: CheckDefinition): string[] {
    const present = (local: string): boolean => this.checks.some((candidate) => `${candidate.group}/${candidate.name}` === local);
    return [...(check.requires ?? []), ...(check.requiresWhenPresent ?? []).filter(present)];
  }

  /** Why a check cannot run: the target is gone, or a prerequisite did not pass. */
  private blockedBy(check: CheckDefinition): string | undefined {
    if (this.targetLost) return this.targetLost;
    for (const local of this.prerequisites(check)) {
      const prerequisite = this.results.get(`${this.config.entry.name}/${local}`);
      // What the prerequisite itself reached counts, not what the run's policy made of it.
      const reached = prerequisite ? ownStatus(prerequisite) : undefined;
      if (reached !== 'passed') {
        return `prerequisite ${local} ${reached ? (reached === 'not-run' ? 'did not run' : reached) : 'was not run'}`;
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
    if (lostConnection && (!this.config.target || (await targetGone(this.config.target)))) {
      this.targetLost = `connection to ${this.config.targetText} lost during ${this.id(check)}`;
    }
  }

  private record(check: CheckDefinition, verdict: Verdict, durationMs: number, status?: CheckResult['status']): void {
    const result = this.redactor.deep(this.result(check, verdict, durationMs, status));
    this.results.set(result.id, result);
    this.hooks.onResult?.(result);
  }

  private result(check: CheckDefinition, verdict: Verdict, durationMs: number, status?: CheckResult['status']): CheckResult {
    const result: CheckResult = applyPolicy(this.config, {
      id: this.id(check),
      group: check.group,
      description: check.description,
      sources: [...check.sources],
      required: isRequired(check),
      status: status ?? verdict.status,
      message: verdict.status === 'passed' ? '' : verdict.message,
      details: verdict.status === 'skipped' ? [] : verdict.details ?? [],
      warnings: verdict.status === 'skipped' ? [] : verdict.warnings ?? [],
      durationMs,
    });
    if (verdict.status !== 'skipped' && verdict.properties) result.properties = verdict.properties;
    if (verdict.status === 'skipped' && verdict.howToRun && status === undefined) result.howToRun = verdict.howToRun;
    return result;
  }
}

/** A call to a service the plugin does not serve, in a run checking it as another type than it serves. */
class NotServed extends Error {}

/**
 * When the manifest names a type whose services the plugin's reflection does not list, the checks
 * calling those services are not run (saying so) rather than failed one by one: manifest/type-matches
 * and contract/services already say what is wrong.
 */
function servedGate(config: RunConfig): (spec: RpcSpec) => void {
  const reflected = config.reflectedType;
  if (!reflected || reflected.name === config.entry.name) return () => undefined;
  const listed = new Set(reflected.listed.map((name) => name.split('.').pop() ?? name));
  return (spec) => {
    const service = spec.rpc.split('.')[0] ?? '';
    if (!listed.has(service)) {
      throw new NotServed(`the plugin does not serve ${service}: its reflection lists ${reflected.listed.join(', ')} (a ${reflected.name} plugin), not the ${config.entry.name} the manifest names`);
    }
  };
}

/** Mocha drives the run; what is printed comes from our own reporters. */
class QuietReporter extends Mocha.reporters.Base {}
