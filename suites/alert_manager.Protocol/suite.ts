/**
 * alert_manager.Protocol: only the proto contract is known (docs/core/alert-manager.md); the checks
 * mirror notification.Protocol's, with the request fields the protos add (domain_id).
 */
import { defineSuite } from '../../src/model/suite.js';
import { deterministicInitCheck, initRespondsCheck, metadataSchemaCheck, optInCallCheck, verifyCheck } from '../../src/checks/builders.js';
import { channelSchemaCheck } from '../../src/checks/channel-schema.js';

const MIRRORED = ' (mirrors notification.Protocol; the alert-manager core was not read)';

export default defineSuite((entry) => [
  initRespondsCheck(entry),
  metadataSchemaCheck(entry),
  channelSchemaCheck({
    path: ['data', 'schema'],
    sources: entry.sources.metadata,
    failureEffect: `a channel-creating core validates channel data with this schema: jsonschema raises SchemaError and every channel create fails${MIRRORED}`,
  }),
  deterministicInitCheck(entry),
  verifyCheck(entry, `Plugin.verify returns this error to the user${MIRRORED}`),
  optInCallCheck(entry, 'dispatch', {
    group: 'dispatch',
    name: 'sends',
    onFailure: `the notification is lost${MIRRORED}`,
  }),
]);
