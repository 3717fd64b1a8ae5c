/**
 * --json and --html against real plugins on loopback: the JSON validates against its published
 * schema and says what JUnit says; the HTML is self-contained and renders in headless Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { packageRoot } from '../../src/paths.js';
import { metadataDigest } from '../../src/run/plugin-identity.js';
import { SPEC_VERSION } from '../../src/spec.js';
import type { JsonReport } from '../../src/report/json.js';
import type { JsonObject } from '../../src/grpc/struct.js';
import { runCli, startPythonPlugin, startReferencePlugin, type CliResult } from '../support/processes.js';
import { readJunit, tempDir } from '../support/reports.js';
import { reportSchemaErrors } from '../support/report-schema.js';
import { CHROMIUM, chromiumAvailable, renderPage } from '../support/chromium.js';

const TYPE = 'notification.Protocol';

interface Written extends CliResult {
  dir: string;
  json: JsonReport;
  jsonText: string;
  html: string;
  htmlFile: string;
  junit: ReturnType<typeof readJunit>;
}

async function runWithReports(address: string, extra: string[] = []): Promise<Written> {
  const dir = tempDir();
  const files = { junit: path.join(dir, 'r.xml'), json: path.join(dir, 'r.json'), html: path.join(dir, 'r.html') };
  const result = await runCli(['--target', address, '--type', TYPE, '--junit', files.junit, '--json', files.json, '--html', files.html, ...extra]);
  const jsonText = fs.readFileSync(files.json, 'utf8');
  return { ...result, dir, json: JSON.parse(jsonText) as JsonReport, jsonText, html: fs.readFileSync(files.html, 'utf8'), htmlFile: files.html, junit: readJunit(files.junit) };
}

async function againstReference(variant: string, extra: string[] = []): Promise<Written> {
  const plugin = await startReferencePlugin(TYPE, variant);
  try {
    return await runWithReports(plugin.address, extra);
  } finally {
    await plugin.stop();
  }
}

describe('JSON and HTML reports', function () {
  this.timeout(60_000);
  let failing: Written;

  before(async () => {
    failing = await againstReference('bad-data-type', ['--name', 'slack-<dev>']);
  });

  it('JSON of a python-core plugin: valid per schemas/report.json, with its ServerInfo version and metadata digest', async () => {
    const fixture = JSON.parse(fs.readFileSync(path.join(packageRoot, 'test', 'plugins', 'python', 'fixtures', 'notification-protocol.json'), 'utf8')) as JsonObject & { responses: Record<string, { metadata: JsonObject }> };
    const replay = path.join(tempDir(), 'versioned.json');
    fs.writeFileSync(replay, JSON.stringify({ ...fixture, server: { version: '2.3.4' } }));
    const plugin = await startPythonPlugin(replay);
    let written: Written;
    try {
      written = await runWithReports(plugin.address);
    } finally {
      await plugin.stop();
    }
    const { json, junit, code } = written;
    expect(code, written.stdout).to.equal(0);
    expect(reportSchemaErrors(json)).to.deep.equal([]);
    expect(json.format).to.equal('plugin-conformance/report@1');
    expect(json.summary).to.deep.include({ verdict: 'PASS', exitCode: 0 });
    expect(json.summary.plugin).to.deep.equal({
      type: TYPE,
      target: plugin.address,
      version: '2.3.4',
      metadataDigest: metadataDigest(fixture.responses['Protocol.init']?.metadata ?? {}),
    });
    expect(json.summary.harness).to.deep.equal({ name: 'plugin-conformance', version: '0.1.0' });
    expect(json.summary.spec.version).to.equal(SPEC_VERSION);
    expect(json.checks.map((check) => check.id)).to.deep.equal(junit.cases.map((testCase) => testCase.name));
    expect(json.summary.counts).to.deep.equal({ total: json.checks.length, passed: json.checks.length - 1, failed: 0, error: 0, skipped: 1, notRun: 0, expectedFailures: 0 });
    expect(junit.properties).to.include({ 'plugin.version': '2.3.4' });
  });

  it('JSON of a failing plugin: the failure with path, expected, actual and core effect; schema-valid', () => {
    expect(failing.code, failing.stdout).to.equal(1);
    expect(reportSchemaErrors(failing.json)).to.deep.equal([]);
    expect(failing.json.summary).to.deep.include({ verdict: 'FAIL', exitCode: 1 });
    expect(failing.json.summary.plugin.name).to.equal('slack-<dev>');
    expect(failing.json.summary.plugin).not.to.have.property('version'); // node plugins serve no ServerInfo: omitted, not failed
    const check = failing.json.checks.find((candidate) => candidate.id === `${TYPE}/init/metadata-schema`);
    expect(check?.status).to.equal('failed');
    expect(check?.details[0]).to.deep.include({ path: '$.data_type', expected: ['PLAIN_TEXT', 'SECRET'], actual: 'HTML' });
    expect(check?.details[0]?.coreEffect).to.match(/channel create/);
    expect(check?.sources?.map((source) => source.doc)).to.include('docs/core/notification.md#metadata');
    for (const result of failing.json.checks) expect(result.sources?.length, `${result.id} has no sources`).to.be.greaterThan(0);
  });

  it('rejects a report the schema does not describe (the schema test can fail)', () => {
    const broken = JSON.parse(failing.jsonText) as Record<string, unknown> & { summary: Record<string, unknown> };
    broken.summary['verdict'] = 'MAYBE';
    delete broken['checks'];
    expect(reportSchemaErrors(broken)).to.have.length.greaterThan(1);
  });

  it('HTML: one self-contained file with the verdict, a table per group and the failure details, escaped', () => {
    const { html } = failing;
    expect(html).to.match(/^<!DOCTYPE html>/);
    expect(html).to.include(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.to.match(/<script|<link|<img|<iframe|\bsrc=|url\(|https?:\/\//i);
    expect(html).to.match(/<h1>FAIL<\/h1>/);
    expect(html).to.include('slack-&#60;dev&#62;').and.not.include('slack-<dev>');
    expect(html).to.match(/<h2>Groups<\/h2>[\s\S]*href="#group-init">init<\/a>/);
    const failure = /<div class="failure failed" id="failure-notification.Protocol\/init\/metadata-schema">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    for (const part of ['<dt>path</dt><dd><code>$.data_type</code>', '<dt>expected</dt>', '&#34;SECRET&#34;', '<dt>actual</dt><dd><pre>&#34;HTML&#34;</pre>', '<dt>core effect</dt>']) expect(failure).to.include(part);
    expect(failure).to.include('sources: <code>docs/core/notification.md#metadata</code>');
  });

  it('renders in headless Chromium: a screenshot, and a DOM with the verdict and the failing check', async function () {
    if (!chromiumAvailable()) {
      // The one reason to skip: Debian's chromium is not installed here (.ci/run installs it).
      if (this.test) this.test.title += ` — SKIPPED: ${CHROMIUM} is absent (apt-get install chromium)`;
      this.skip();
    }
    const screenshot = path.join(failing.dir, 'report.png');
    const page = await renderPage(failing.htmlFile, screenshot);
    expect(page.code, page.stderr).to.equal(0);
    const png = fs.readFileSync(screenshot);
    expect(png.subarray(1, 4).toString()).to.equal('PNG');
    expect(png.length).to.be.greaterThan(30_000); // a blank page is a few kB; this one has tables and colour
    expect(page.dom).to.match(/<h1>FAIL<\/h1>/);
    expect(page.dom).to.include('notification.Protocol/init/metadata-schema');
    expect(page.dom).to.include('$.data_type');
  });
});
