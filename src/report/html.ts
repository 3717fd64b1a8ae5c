/**
 * The HTML report: one self-contained file a person opens in a browser. Inline CSS, no script,
 * and a Content-Security-Policy that forbids every fetch, so the page shows the same offline, in
 * a CI artifact viewer, or years later. Every text from a plugin is escaped.
 */
import type { Json } from '../grpc/struct.js';
import { SPEC_VERSION, type CheckSource } from '../spec.js';
import { exitCodeOf, summarize, verdictOf, type CheckDetail, type CheckResult, type CheckStatus, type RunReport, verifyNotRunNotice } from '../model/results.js';
import { STATUS_LABEL, groupBy, worstStatus } from './format.js';

/** A plugin's answer can be megabytes; the page shows the start of it. */
const MAX_VALUE_CHARS = 2_000;

const STYLE = `
:root { --pass: #1a7f37; --fail: #cf222e; --error: #bc4c00; --skip: #6e7781; --line: #d0d7de; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1f2328; margin: 0; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
header.verdict { color: #fff; padding: 20px 24px; border-radius: 8px; margin-bottom: 24px; }
header.verdict h1 { margin: 0; font-size: 28px; letter-spacing: .5px; }
header.verdict p { margin: 4px 0 0; opacity: .95; }
.v-PASS { background: var(--pass); } .v-FAIL { background: var(--fail); } .v-UNREACHABLE, .v-INTERNAL, .v-USAGE { background: var(--error); } .v-INTERRUPTED { background: var(--skip); }
h2 { font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; width: 6em; }
table.facts th { width: 12em; background: none; font-weight: 600; }
table.groups td:first-child { width: 14em; } table.groups td:nth-child(2) { width: 8em; }
table.checks { table-layout: fixed; } table.checks col.col-status { width: 7.5em; } table.checks col.col-check { width: 46%; } table.checks col.col-time { width: 6.5em; }
table.checks td { overflow-wrap: anywhere; }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 4px 0; white-space: pre-wrap; word-break: break-word; max-height: 28em; overflow: auto; }
.status { display: inline-block; min-width: 5.5em; text-align: center; padding: 1px 8px; border-radius: 12px; color: #fff; font-size: 12px; font-weight: 600; }
.s-passed { background: var(--pass); } .s-failed { background: var(--fail); } .s-error { background: var(--error); } .s-skipped, .s-not-run { background: var(--skip); }
.failure { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px; padding: 8px 14px; margin: 12px 0; }
.failure.error { border-left-color: var(--error); }
.failure h3 { margin-top: 8px; }
.failure dl { display: grid; grid-template-columns: 9em 1fr; gap: 2px 12px; margin: 8px 0; }
.failure dt { font-weight: 600; color: #57606a; } .failure dd { margin: 0; }
.core { color: var(--fail); font-weight: 500; }
.warning { color: #9a6700; }
.muted { color: #57606a; }
.sources { font-size: 12px; color: #57606a; margin: 2px 0 0; }
footer { margin-top: 40px; color: #57606a; font-size: 12px; }
`;

export function renderHtml(report: RunReport, exitCode: number = exitCodeOf(report)): string {
  const verdict = verdictOf(exitCode);
  const title = `${verdict}: ${report.plugin?.name ?? report.type} at ${report.target}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escape(title)} — plugin-conformance</title>`,
    `<style>${STYLE}</style></head><body><main>`,
    verdictHeader(report, exitCode),
    identitySection(report),
    groupSection(report.results),
    failureSection(report.results),
    checkSection(report.results),
    processSection(report),
    `<footer>plugin-conformance ${escape(report.harness.version)} · rules from Cloudforet sources as of ${escape(SPEC_VERSION)} · written ${escape(new Date().toISOString())}</footer>`,
    '</main></body></html>',
    '',
  ].join('\n');
}


function verdictHeader(report: RunReport, exitCode: number): string {
  const verdict = verdictOf(exitCode);
  const counts = summarize(report.results);
  const parts = [
    `${counts.passed} passed`,
    `${counts.failed} failed`,
    `${counts.error} errors`,
    `${counts.skipped} skipped`,
    `${counts.notRun} not run`,
  ];
  const reason = report.interrupted ? `<p>Interrupted: ${escape(report.interrupted)}</p>` : report.targetLost ? `<p>${escape(report.targetLost)}</p>` : '';
  const verifyNotice = verifyNotRunNotice(report.results);
  const notices = `${verifyNotice ? `<p class="notice" id="verify-not-run"><strong>${escape(verifyNotice)}</strong></p>` : ''}${report.strict ? '<p>--strict: warnings fail their checks</p>' : ''}`;
  return `<header class="verdict v-${verdict}" id="verdict"><h1>${verdict}</h1>
<p><strong>${escape(report.plugin?.name ?? report.type)}</strong>${report.plugin?.name ? ` (${escape(report.type)})` : ''} at <span class="mono">${escape(report.target)}</span> — exit code ${exitCode}</p>
<p>${parts.join(' · ')} in ${report.durationMs} ms</p>${notices}${reason}</header>`;
}

function identitySection(report: RunReport): string {
  const rows: Array<[string, string | undefined]> = [
    ['Service type', report.type],
    ['Target', report.target],
    ['Name', report.plugin?.name],
    ['Plugin version', report.plugin?.version ?? 'not served (ServerInfo.get_version)'],
    ['Metadata digest', report.plugin?.metadataDigest],
    ['Started', report.startedAt],
    ['Harness', `${report.harness.name} ${report.harness.version}`],
    ['Spec version', SPEC_VERSION],
  ];
  const body = rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    .map(([name, value]) => `<tr><th>${escape(name)}</th><td class="mono">${escape(value)}</td></tr>`)
    .join('\n');
  return `<h2>Plugin</h2><table class="facts">${body}</table>`;
}

function groupSection(results: readonly CheckResult[]): string {
  const rows = [...groupBy(results)].map(([group, checks]) => {
    const counts = summarize(checks);
    const worst = worstStatus(checks);
    return `<tr><td><a href="#group-${escape(group)}">${escape(group)}</a></td><td>${badge(worst)}</td>${[counts.passed, counts.failed, counts.error, counts.skipped, counts.notRun]
      .map((count) => `<td class="num">${count || '<span class="muted">0</span>'}</td>`)
      .join('')}</tr>`;
  });
  return `<h2>Groups</h2><table class="groups"><thead><tr><th>group</th><th>result</th><th class="num">passed</th><th class="num">failed</th><th class="num">errors</th><th class="num">skipped</th><th class="num">not run</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

function failureSection(results: readonly CheckResult[]): string {
  const failures = results.filter((result) => result.status === 'failed' || result.status === 'error');
  if (failures.length === 0) return '<h2>Failures</h2><p class="muted">None: every check that ran passed.</p>';
  return `<h2>Failures</h2>${failures.map(failureBlock).join('\n')}`;
}

function failureBlock(result: CheckResult): string {
  const details = result.details.map(detailList).join('\n');
  const warnings = result.warnings.map((warning) => `<p class="warning">warning: ${escape(warning)}</p>`).join('');
  return `<div class="failure ${result.status}" id="failure-${escape(result.id)}"><h3>${badge(result.status)} <code>${escape(result.id)}</code></h3>
<p>${escape(result.message)}</p>${details}${warnings}${sourceList(result.sources)}</div>`;
}

function detailList(detail: CheckDetail): string {
  const rows: string[] = [`<dt>problem</dt><dd>${escape(detail.message)}</dd>`];
  if (detail.path !== undefined) rows.push(`<dt>path</dt><dd><code>${escape(detail.path)}</code></dd>`);
  if (detail.expected !== undefined) rows.push(`<dt>expected</dt><dd>${jsonBlock(detail.expected)}</dd>`);
  if (detail.actual !== undefined) rows.push(`<dt>actual</dt><dd>${jsonBlock(detail.actual)}</dd>`);
  if (detail.grpcCode !== undefined) rows.push(`<dt>gRPC code</dt><dd><code>${escape(detail.grpcCode)}</code></dd>`);
  if (detail.coreEffect !== undefined) rows.push(`<dt>core effect</dt><dd class="core">${escape(detail.coreEffect)}</dd>`);
  return `<dl>${rows.join('')}</dl>`;
}

function checkSection(results: readonly CheckResult[]): string {
  const groups = [...groupBy(results)].map(([group, checks]) => {
    const rows = checks.map((check) => {
      const note = check.status === 'passed' ? check.warnings.map((warning) => `<span class="warning">warning: ${escape(warning)}</span>`).join('<br>') : escape(check.message);
      const time = check.status === 'skipped' || check.status === 'not-run' ? '' : `${check.durationMs} ms`;
      return `<tr><td>${badge(check.status)}</td><td><code>${escape(check.id)}</code><br><span class="muted">${escape(check.description)}</span>${sourceList(check.sources)}</td><td class="num">${time}</td><td>${note}</td></tr>`;
    });
    return `<h3 id="group-${escape(group)}">${escape(group)}</h3><table class="checks"><colgroup><col class="col-status"><col class="col-check"><col class="col-time"><col></colgroup>
<thead><tr><th>status</th><th>check</th><th class="num">time</th><th>note</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
  });
  return `<h2>Checks</h2>${groups.join('\n')}`;
}

function processSection(report: RunReport): string {
  const record = report.pluginProcess;
  if (!record) return '';
  const ending = record.exit.stoppedBy
    ? `stopped by the harness with ${record.exit.stoppedBy}`
    : record.exit.code !== null || record.exit.signal !== null
      ? `exited by itself (${record.exit.code !== null ? `code ${record.exit.code}` : record.exit.signal})`
      : 'still running when the report was written';
  const served = record.served ? `served after ${record.startupMs} ms` : `did not serve: ${record.failure ?? 'unknown reason'}`;
  const output = (name: string, text: string): string =>
    `<h3>${name}</h3>${text ? `<pre>${escape(text)}</pre>` : '<p class="muted">(empty)</p>'}`;
  return `<h2>Plugin process (--exec)</h2><table class="facts">
<tr><th>Command</th><td class="mono">${escape(record.command)}</td></tr>
<tr><th>Startup</th><td>${escape(served)}</td></tr>
<tr><th>End</th><td>${escape(ending)}</td></tr></table>
${output('stdout', record.stdout)}${output('stderr', record.stderr)}`;
}

/** Where the check's rule comes from: the docs/core/ heading, and the upstream file at its revision (as text: the page fetches nothing). */
function sourceList(sources: readonly CheckSource[] | undefined): string {
  if (!sources?.length) return '';
  const items = sources.map((source) => `<code>${escape(source.doc)}</code> (<code>${escape(source.upstream)}</code>)`);
  return `<p class="sources">sources: ${items.join('; ')}</p>`;
}

function badge(status: CheckStatus): string {
  return `<span class="status s-${status}">${STATUS_LABEL[status]}</span>`;
}

function jsonBlock(value: Json): string {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  const shown = text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}\n… (${text.length} characters in all)` : text;
  return `<pre>${escape(shown)}</pre>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
