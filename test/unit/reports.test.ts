import { expect } from 'chai';
import { buildRunConfig } from '../../src/config.js';
import { UsageError } from '../../src/usage.js';
import { renderHtml } from '../../src/report/html.js';
import { fromJsonReport, toJsonReport } from '../../src/report/json.js';
import { renderJunitOf } from '../../src/report/junit.js';
import { metadataDigest } from '../../src/run/plugin-identity.js';
import type { RunReport } from '../../src/model/results.js';

const report: RunReport = {
  harness: { name: 'plugin-conformance', version: '0.1.0' },
  type: 'notification.Protocol',
  target: '127.0.0.1:50051',
  plugin: { name: 'slack', metadataDigest: metadataDigest({ a: 1 }) },
  startedAt: '2026-01-02T03:04:05.000Z',
  durationMs: 12,
  results: [
    {
      id: 'notification.Protocol/init/responds',
      group: 'init',
      description: 'init answers',
      required: true,
      status: 'failed',
      message: 'plugin said <script>alert(1)</script>',
      details: [{ message: 'bad', path: '$.x', expected: '<b>', actual: { html: '</pre><img src=x>' }, grpcCode: 'INTERNAL', coreEffect: 'registration fails & stops' }],
      warnings: [],
      durationMs: 3,
    },
  ],
};

describe('report forms', () => {
  it('escapes every plugin-supplied text in HTML', () => {
    const html = renderHtml(report);
    expect(html).not.to.include('<script>').and.not.to.include('<img');
    expect(html).to.include('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).to.include('registration fails &#38; stops');
  });

  it('JSON reads back into the same run report, so merged shards render as single runs do', () => {
    expect(fromJsonReport(toJsonReport(report))).to.deep.equal(report);
    expect(toJsonReport(report, 143).summary).to.deep.include({ verdict: 'INTERRUPTED', exitCode: 143 });
  });

  it('JUnit of several runs keeps each plugin apart by name', () => {
    const xml = renderJunitOf([report, { ...report, plugin: { name: 'email' } }], 'fleet');
    expect(xml).to.include('testsuite name="slack/notification.Protocol/init"').and.include('testsuite name="email/notification.Protocol/init"');
  });

  it('digests metadata as the core sees it: key order irrelevant, 1 and 1.0 alike', () => {
    expect(metadataDigest({ b: [1, { d: null, c: 'x' }], a: 1.0 })).to.equal(metadataDigest({ a: 1, b: [1, { c: 'x', d: null }] }));
    expect(metadataDigest({ a: 1 })).not.to.equal(metadataDigest({ a: '1' }));
    expect(metadataDigest({ a: [1, 2] })).not.to.equal(metadataDigest({ a: [2, 1] }));
  });
});

describe('--exec configuration', () => {
  const base = { target: '127.0.0.1:1', type: 'notification.Protocol' };
  it('takes a command and a startup timeout (default 30 s)', () => {
    expect(buildRunConfig({ ...base, exec: './plugin' }).exec).to.deep.equal({ command: './plugin', startupTimeoutMs: 30_000 });
    expect(buildRunConfig({ ...base, exec: './plugin', startupTimeout: '500' }).exec?.startupTimeoutMs).to.equal(500);
  });

  it('rejects --startup-timeout without --exec, an empty command and a bad timeout', () => {
    expect(() => buildRunConfig({ ...base, startupTimeout: '100' })).to.throw(UsageError, /--startup-timeout applies only with --exec/);
    expect(() => buildRunConfig({ ...base, exec: ' ' })).to.throw(UsageError, /--exec must not be empty/);
    expect(() => buildRunConfig({ ...base, exec: 'x', startupTimeout: 'soon' })).to.throw(UsageError, /--startup-timeout "soon"/);
  });
});
