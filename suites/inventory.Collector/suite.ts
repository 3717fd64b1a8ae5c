/** inventory.Collector: docs/core/inventory.md. */
import { defineSuite } from '../../src/model/suite.js';
import { deterministicInitCheck, initRespondsCheck, metadataSchemaCheck, optInCallCheck, verifyCheck } from '../../src/checks/builders.js';
import { channelSchemaCheck } from '../../src/checks/channel-schema.js';
import { onlyWhen, whenSecretGiven, withWarnings } from '../../src/checks/combinators.js';
import { answerInspector } from '../../src/checks/answer-schema.js';
import { toleratedCallCheck } from '../../src/checks/tolerated-call.js';
import { collectorMetadataWarnings, collectStreamWarnings, jobTasksWarnings } from './answers.js';
import { inventoryJobTasks, inventoryJobTasksSources } from './entry.js';

export default defineSuite((entry) => [
  initRespondsCheck(entry),
  withWarnings(metadataSchemaCheck(entry), (context) => collectorMetadataWarnings(context.facts.metadata)),
  channelSchemaCheck({
    path: ['options_schema'],
    sources: entry.sources.metadata,
    failureEffect: 'the console builds the collector options form from options_schema and cannot render it',
  }),
  deterministicInitCheck(entry),
  onlyWhen(
    verifyCheck(entry, 'Collector.verify_plugin returns this error to the user'),
    { skipReason: whenSecretGiven('the core verifies a collector only with a secret its secret filter matches (an empty object counts as none)') },
  ),
  toleratedCallCheck({
    group: 'job',
    name: 'tasks',
    spec: inventoryJobTasks,
    sources: inventoryJobTasksSources,
    fallback: 'it runs one collect without task_options',
    inspect: answerInspector({ schema: 'inventory.Collector.tasks.json', what: 'the Job.get_tasks answer', warnings: jobTasksWarnings }),
  }),
  optInCallCheck(entry, 'collect', {
    group: 'collect',
    name: 'stream',
    onFailure: 'the core records ERROR_COLLECTOR_COLLECTING and the job task ends in FAILURE',
    inspect: answerInspector({ schema: 'inventory.Collector.collect.json', what: 'the collect stream', warnings: collectStreamWarnings }),
  }),
]);
