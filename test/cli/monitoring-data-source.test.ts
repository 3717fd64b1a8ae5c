/**
 * The built CLI against monitoring.DataSource reference plugins on loopback: METRIC and LOG
 * pass, the type is stated or inferred (and said so), each defect fails naming its rule.
 */
import path from 'node:path';
import { expect } from 'chai';
import { packageRoot } from '../../src/paths.js';
import { runCases, casesWith, type CaseResult } from '../support/cases.js';
import { runCli, startPythonPlugin } from '../support/processes.js';
import { caseNamed, readJunit, tempDir } from '../support/reports.js';

const TYPE = 'monitoring.DataSource';
const id = (local: string): string => `${TYPE}/${local}`;
const SECRET = ['--secret-data', '{"aws_access_key_id":"AKIA-TEST-0001"}'];
const METRIC_LIST = ['--metric-list', '{"query":{"InstanceId":"i-0123"}}'];
const METRIC_DATA = ['--metric-data', '{"metric_query":{"i-0123":{}},"metric":"CPUUtilization","start":"2024-01-01T00:00:00Z","end":"2024-01-01T01:00:00Z","stat":"P99"}'];
const LOG_LIST = ['--log-list', '{"query":{"trail":"t1"},"start":"2024-01-01T00:00:00Z","end":"2024-01-01T01:00:00Z"}'];

/** variant, flags, the one check that must fail, and what its report must say. */
const DEFECTS: Record<string, { variant: string; args?: string[]; check: string; reason: RegExp }> = {
  'rogue key': { variant: 'rogue-key', check: 'init/metadata-schema', reason: /\$\.supported_resource_type is not an allowed key.*Rogue field.*ERROR_INVALID_PLUGIN_OPTIONS/s },
  'no supported_stat': { variant: 'no-supported-stat', args: ['--monitoring-type', 'METRIC'], check: 'init/metadata-schema', reason: /\$\.supported_stat is required/ },
  'numeric stats': { variant: 'numeric-stats', check: 'init/metadata-schema', reason: /\$\.supported_stat\[0\] must be string,null/ },
  'empty required_keys': { variant: 'empty-required-keys', check: 'init/metadata-schema', reason: /\$\.required_keys must NOT have fewer than 1 items.*ERROR_NOT_FOUND_REQUIRED_KEY/s },
  'view not a mapping': { variant: 'view-not-object', check: 'init/metadata-schema', reason: /\$\.view must be object,null.*Only mappings/s },
  'LOG without required_keys': { variant: 'log-without-required-keys', check: 'init/metadata-schema', reason: /\$\.required_keys is required.*ERROR_REQUIRED_KEYS_NOT_EXISTS/s },
  'query service not served': { variant: 'no-query-service', check: 'services/query-service', reason: /does not serve spaceone\.api\.monitoring\.plugin\.Metric.*Method not supported/s },
  'nondeterministic init': { variant: 'nondeterministic', check: 'init/deterministic', reason: /\$\.required_keys\[0\]/ },
  'verify error': { variant: 'verify-error', args: SECRET, check: 'verify/active', reason: /UNAUTHENTICATED: ERROR_AUTHENTICATE_FAILURE/ },
  'metric without key': { variant: 'metric-without-key', args: METRIC_LIST, check: 'metric/list', reason: /\$\.metrics\[0\]\.key is missing.*KeyError/s },
  'Metric.list error': { variant: 'metric-list-error', args: METRIC_LIST, check: 'metric/list', reason: /INTERNAL: ERROR_UNKNOWN: CloudWatch throttled.*unavailable/s },
  'Metric.get_data error': { variant: 'metric-data-error', args: METRIC_DATA, check: 'metric/get-data', reason: /INTERNAL: ERROR_UNKNOWN: bad period/ },
  'Log.list stream error': { variant: 'log-list-error', args: LOG_LIST, check: 'log/list', reason: /INTERNAL: ERROR_UNKNOWN: CloudTrail lookup failed/ },
};

describe('monitoring.DataSource end to end', function () {
  this.timeout(60_000);
  let runs: Record<string, CaseResult>;

  before(async function () {
    // All runs at once, a few in parallel: one bound for the lot.
    this.timeout(180_000);
    runs = await runCases(TYPE, {
      metric: { variant: 'metric', args: [...SECRET, ...METRIC_LIST, ...METRIC_DATA, ...LOG_LIST] },
      log: { variant: 'log', args: ['--monitoring-type', 'log', ...SECRET, ...LOG_LIST, ...METRIC_LIST] },
      cloudwatchLike: { variant: 'metric-also-serving-log' },
      ambiguous: { variant: 'ambiguous' },
      ...Object.fromEntries(Object.entries(DEFECTS).map(([name, { variant, args }]) => [name, { variant, args }])),
    });
  });

  it('passes a METRIC source with every opt-in, inferring the type and saying why', () => {
    const { code, stdout, junit } = runs['metric']!;
    expect(code, stdout).to.equal(0);
    expect(stdout).to.match(/warning: monitoring type METRIC inferred, since no --monitoring-type was given: the plugin serves Metric and not Log/);
    expect(junit.properties).to.include({ 'monitoring.type': 'METRIC', 'monitoring.type.source': 'inferred: the plugin serves Metric and not Log' });
    for (const check of ['init/metadata-schema', 'services/query-service', 'verify/active', 'metric/list', 'metric/get-data']) {
      expect(caseNamed(junit.cases, id(check)).status, check).to.equal('passed');
    }
    expect(caseNamed(junit.cases, id('log/list')).text).to.match(/a METRIC data source: the core never calls Log\.list/);
    // A stat outside supported_stat: the core would refuse the request, the harness says so.
    expect(caseNamed(junit.cases, id('metric/get-data')).text).to.match(/stat P99 is not in the metadata's supported_stat.*ERROR_NOT_SUPPORT_METRIC_STAT/s);
  });

  it('passes a LOG source with --monitoring-type (any case), and reports where the type came from', () => {
    const { code, stdout, junit } = runs['log']!;
    expect(code, stdout).to.equal(0);
    expect(stdout).not.to.match(/inferred/);
    expect(junit.properties).to.include({ 'monitoring.type': 'LOG', 'monitoring.type.source': '--monitoring-type' });
    expect(caseNamed(junit.cases, id('log/list')).status).to.equal('passed');
    expect(caseNamed(junit.cases, id('metric/list')).text).to.match(/a LOG data source: the core never calls Metric\.list/);
  });

  it('passes a METRIC source that also serves Log, inferring METRIC from supported_stat', () => {
    const { code, stdout, junit } = runs['cloudwatchLike']!;
    expect(code, stdout).to.equal(0);
    expect(junit.properties['monitoring.type.source']).to.match(/it serves both Metric and Log, and its metadata has supported_stat/);
    expect(caseNamed(junit.cases, id('verify/active')).text).to.match(/no --secret-data: the core calls DataSource\.verify only with a secret/);
  });

  it('cannot infer the type from a plugin serving both with neither key: an error asking for --monitoring-type', () => {
    const { code, stdout, junit } = runs['ambiguous']!;
    expect(code, stdout).to.equal(1);
    expect(casesWith(runs['ambiguous']!, 'error')).to.deep.equal([id('init/monitoring-type')]);
    expect(caseNamed(junit.cases, id('init/monitoring-type')).text).to.match(/cannot tell METRIC from LOG.*give --monitoring-type METRIC\|LOG/s);
    expect(caseNamed(junit.cases, id('init/metadata-schema')).text).to.match(/not run: prerequisite init\/monitoring-type error/);
  });

  for (const [name, { check, reason }] of Object.entries(DEFECTS)) {
    it(`fails on ${name}: exit 1, only ${check} failed, with the cause`, () => {
      const run = runs[name]!;
      expect(run.code, run.stdout).to.equal(1);
      expect(casesWith(run, 'failure'), run.stdout).to.deep.equal([id(check)]);
      expect(casesWith(run, 'error'), run.stdout).to.deep.equal([]);
      expect(caseNamed(run.junit.cases, id(check)).text).to.match(reason);
    });
  }

  it('judges the historical CloudWatch replay as the core does: rejected, naming the rogue keys', async () => {
    const plugin = await startPythonPlugin(path.join(packageRoot, 'test', 'replays', TYPE, 'plugin-aws-cloudwatch-mon-datasource@41a2e98.json'));
    try {
      const junitPath = path.join(tempDir(), 'report.xml');
      const { code, stdout } = await runCli(['--target', plugin.address, '--type', TYPE, '--junit', junitPath]);
      expect(code, stdout).to.equal(1);
      expect(stdout).to.match(/FAIL\s+monitoring\.DataSource\/init\/metadata-schema/);
      const text = caseNamed(readJunit(junitPath).cases, id('init/metadata-schema')).text;
      expect(text).to.match(/\$\.supported_resource_type is not an allowed key/);
      expect(text).to.match(/\$\.reference_keys is not an allowed key/);
    } finally {
      await plugin.stop();
    }
  });

  it('rejects a --monitoring-type outside METRIC|LOG before dialling', async () => {
    const { code, stderr } = await runCli(['--target', '127.0.0.1:1', '--type', TYPE, '--monitoring-type', 'TRACE']);
    expect(code).to.equal(2);
    expect(stderr).to.equal('plugin-conformance: --monitoring-type "TRACE" must be one of METRIC, LOG\n');
  });
});
