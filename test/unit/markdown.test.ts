/** The Markdown report: verdict, groups, failures with the core's effect, required checks not run, warnings. */
import { expect } from 'chai';
import { code, inline, renderMarkdown } from '../../src/report/markdown.js';
import type { CheckResult, RunReport } from '../../src/model/results.js';

function check(overrides: Partial<CheckResult> & { id: string }): CheckResult {
  return { group: overrides.id.split('/')[1] ?? '', description: 'd', required: false, status: 'passed', message: '', details: [], warnings: [], durationMs: 1, ...overrides };
}

const report: RunReport = {
  harness: { name: 'plugin-conformance', version: '0.1.0' },
  type: 'notification.Protocol',
  target: '127.0.0.1:50051',
  plugin: { name: 'slack | <dev>', version: '1.2.3' },
  startedAt: '2026-01-02T03:04:05.000Z',
  durationMs: 42,
  results: [
    check({ id: 'notification.Protocol/init/responds', required: true }),
    check({
      id: 'notification.Protocol/init/metadata-schema',
      required: true,
      status: 'failed',
      message: 'metadata does not satisfy <schema> | *now*',
      details: [{ message: 'data_type is missing', path: '$.data_type', expected: ['PLAIN_TEXT', 'SECRET'], actual: 'a`b', grpcCode: 'OK', coreEffect: 'channel create fails (KeyError)' }],
    }),
    check({ id: 'notification.Protocol/init/schema-compiles', warnings: ['no data.schema: channel data is stored unvalidated'] }),
    check({ id: 'notification.Protocol/verify/active', required: true, status: 'error', message: 'deadline exceeded', details: [] }),
    check({ id: 'notification.Protocol/dispatch/sends', required: true, status: 'skipped', message: 'not requested: give --dispatch JSON|@file to run it', howToRun: 'give --dispatch JSON|@file' }),
    check({ id: 'notification.Protocol/robustness/repeated-init', status: 'skipped', message: 'optional, filtered by --grep' }),
    check({ id: 'notification.Protocol/robustness/parallel-init', status: 'not-run', message: 'needs init/deterministic' }),
  ],
};

describe('Markdown report', () => {
  const markdown = renderMarkdown(report);

  it('starts with the verdict line and the counts', () => {
    const lines = markdown.split('\n');
    expect(lines[0]).to.equal('### ❌ FAIL: slack \\| &lt;dev&gt; (notification.Protocol) at `127.0.0.1:50051`');
    expect(lines[2]).to.equal('2 passed, 1 failed, 1 errors, 2 skipped, 1 not run in 42 ms · exit code 1 · plugin-conformance 0.1.0');
    expect(markdown).to.include('plugin version `1.2.3`');
    expect(renderMarkdown({ ...report, results: [report.results[0] as CheckResult] })).to.match(/^### ✅ PASS: /);
  });

  it('has one table row per group, with its worst status and counts', () => {
    expect(markdown).to.include('| group | result | passed | failed | errors | skipped | not run |\n|---|---|--:|--:|--:|--:|--:|\n');
    expect(markdown).to.include('| init | FAIL | 2 | 1 | 0 | 0 | 0 |');
    expect(markdown).to.include('| verify | ERROR | 0 | 0 | 1 | 0 | 0 |');
    expect(markdown).to.include('| dispatch | SKIP | 0 | 0 | 0 | 1 | 0 |');
    expect(markdown).to.include('| robustness | SKIP | 0 | 0 | 0 | 1 | 1 |');
  });

  it('lists each failure with its check ID, message, facts and what the core would do, escaped', () => {
    expect(markdown).to.include('#### Failures (2)');
    expect(markdown).to.include('- **FAIL** `notification.Protocol/init/metadata-schema`: metadata does not satisfy &lt;schema&gt; \\| \\*now\\*');
    expect(markdown).to.include('  - data\\_type is missing (at `$.data_type`, expected `["PLAIN_TEXT","SECRET"]`, actual ``"a`b"``, gRPC `OK`)');
    expect(markdown).to.include('    - **core:** channel create fails (KeyError)');
    expect(markdown).to.include('- **ERROR** `notification.Protocol/verify/active`: deadline exceeded');
  });

  it('lists the required checks that were skipped, with how to run them, and the warnings', () => {
    expect(markdown).to.include('#### Required checks not run (1)\n\n- `notification.Protocol/dispatch/sends`: not requested: give --dispatch JSON\\|@file to run it');
    expect(markdown).not.to.include('repeated-init`:');
    expect(markdown).to.include('#### Warnings (1)\n\n- `notification.Protocol/init/schema-compiles`: no data.schema: channel data is stored unvalidated');
  });

  it('cuts long values and long lists of details short', () => {
    const details = Array.from({ length: 14 }, (_, index) => ({ message: `difference ${index}`, actual: 'x'.repeat(5_000) }));
    const long = renderMarkdown({ ...report, results: [check({ id: 'notification.Protocol/contract/methods', status: 'failed', message: 'm', details })] });
    expect(long).to.include('difference 9').and.not.to.include('difference 10');
    expect(long).to.include('… and 4 more (see the JUnit, JSON or HTML report)');
    expect(long.length).to.be.below(6_000);
  });

  it('keeps plugin text on one line and out of markup', () => {
    expect(inline('a\r\nb <img src=x> [link](http://x) `c`')).to.equal('a b &lt;img src=x&gt; \\[link\\](http://x) \\`c\\`');
    expect(code('a ``b`` c')).to.equal('```a ``b`` c```');
    expect(code('`edge')).to.equal('`` `edge ``');
  });
});
