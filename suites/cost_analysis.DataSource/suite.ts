/** cost_analysis.DataSource: docs/core/cost-analysis.md. */
import { defineSuite } from '../../src/model/suite.js';
import { deterministicInitCheck, initRespondsCheck, metadataSchemaCheck, optInCallCheck, verifyCheck } from '../../src/checks/builders.js';
import { onlyWhen, whenSecretGiven, withWarnings } from '../../src/checks/combinators.js';
import { answerInspector } from '../../src/checks/answer-schema.js';
import { servedProbeCheck } from '../../src/checks/served-probe.js';
import { pythonTruthy } from '../../src/checks/json-values.js';
import { costDataWarnings, costTasksWarnings, dataSourceMetadataWarnings, linkedAccountsWarnings } from './answers.js';
import { costLinkedAccounts, costLinkedAccountsSources } from './entry.js';

export default defineSuite((entry) => [
  initRespondsCheck(entry),
  withWarnings(metadataSchemaCheck(entry), (context) => dataSourceMetadataWarnings(context.facts.metadata)),
  deterministicInitCheck(entry),
  servedProbeCheck({
    group: 'linked-accounts',
    name: 'served',
    spec: costLinkedAccounts,
    sources: costLinkedAccountsSources,
    neededBecause: (metadata) => (pythonTruthy(metadata['use_account_routing']) ? 'metadata.use_account_routing is on' : undefined),
    notNeeded: 'metadata.use_account_routing is off: the core never calls Cost.get_linked_accounts',
    notServedEffect: 'register calls Cost.get_linked_accounts when use_account_routing is on: the data source cannot be registered',
    failureEffect: 'register calls Cost.get_linked_accounts with this secret when use_account_routing is on: the data source cannot be registered',
    inspect: answerInspector({ what: 'the Cost.get_linked_accounts answer', warnings: linkedAccountsWarnings }),
  }),
  onlyWhen(
    verifyCheck(entry, 'register with secret_type MANUAL aborts, and verify_plugin returns this error'),
    { skipReason: whenSecretGiven('the core verifies a cost data source only when secret data is given (an empty object counts as none)') },
  ),
  optInCallCheck(entry, 'cost-tasks', {
    group: 'job',
    name: 'tasks',
    onFailure: 'the sync fails with ERROR_GET_JOB_TASKS for a MANUAL secret (for a service-account secret the error is only logged and its costs are not collected)',
    inspect: answerInspector({ schema: 'cost_analysis.DataSource.tasks.json', what: 'the Job.get_tasks answer', warnings: costTasksWarnings }),
  }),
  optInCallCheck(entry, 'cost-data', {
    group: 'cost',
    name: 'data',
    onFailure: 'the job task ends in ERROR and the job rolls back the cost data it stored',
    inspect: answerInspector({ schema: 'cost_analysis.DataSource.cost-data.json', what: 'the Cost.get_data stream', warnings: costDataWarnings }),
  }),
]);
