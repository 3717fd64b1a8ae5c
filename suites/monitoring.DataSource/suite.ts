/** monitoring.DataSource: docs/core/monitoring.md. */
import { defineSuite } from '../../src/model/suite.js';
import { deterministicInitCheck, initRespondsCheck, metadataSchemaCheck, optInCallCheck, verifyCheck } from '../../src/checks/builders.js';
import { onlyWhen, SECRET_DATA_HINT } from '../../src/checks/combinators.js';
import { judgeLogList, judgeMetricData, judgeMetricList } from './answers.js';
import { monitoringTypeCheck, monitoringTypeOf, RESOLVED, servesQueryServiceCheck, type MonitoringType } from './monitoring-type.js';
import type { RunContext } from '../../src/model/check.js';
import type { Decoded } from '../../src/grpc/protos.js';

/** The core never calls the other type's queries, so they are skipped, not judged. */
const forType = (type: MonitoringType, call: string) => ({
  requires: [RESOLVED],
  skipReason: (context: RunContext) => (monitoringTypeOf(context) === type ? undefined : `a ${monitoringTypeOf(context)} data source: the core never calls ${call}`),
});

export default defineSuite((entry) => [
  initRespondsCheck(entry),
  monitoringTypeCheck(entry),
  metadataSchemaCheck(entry, {
    requires: [RESOLVED],
    describe: 'its METRIC or LOG definition, by monitoring type',
    schemaFor: (context) => `${entry.metadataSchema}#/$defs/${monitoringTypeOf(context)}`,
  }),
  deterministicInitCheck(entry),
  servesQueryServiceCheck(entry),
  onlyWhen(verifyCheck(entry, 'DataSource.verify_plugin returns this error to the user (no state is written)'), {
    skipReason: (context) =>
      Object.keys(context.config.secretData).length > 0
        ? undefined
        : { message: 'no --secret-data: the core calls DataSource.verify only with a secret (without one verify_plugin stops at ERROR_SUPPORTED_SECRETS_NOT_EXISTS)', howToRun: SECRET_DATA_HINT },
  }),
  onlyWhen(
    optInCallCheck(entry, 'metric-list', {
      group: 'metric',
      name: 'list',
      onFailure: 'the core catches the error and shows the resource as unavailable, with no metrics',
      inspect: (response) => judgeMetricList(response as Decoded),
    }),
    forType('METRIC', 'Metric.list'),
  ),
  onlyWhen(
    optInCallCheck(entry, 'metric-data', {
      group: 'metric',
      name: 'get-data',
      onFailure: 'the core catches the error and draws the chart without data',
      inspect: (response, context) => judgeMetricData(response as Decoded, context),
    }),
    forType('METRIC', 'Metric.get_data'),
  ),
  onlyWhen(
    optInCallCheck(entry, 'log-list', {
      group: 'log',
      name: 'list',
      onFailure: 'Log.list returns this error to the user: no logs are shown',
      inspect: (response) => judgeLogList(response as Decoded[]),
    }),
    forType('LOG', 'Log.list'),
  ),
]);
