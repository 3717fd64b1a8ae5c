/** notification.Protocol: capabilities.md §3.1. */
import { defineSuite } from '../../src/model/suite.js';
import {
  deterministicInitCheck,
  initRespondsCheck,
  metadataSchemaCheck,
  optInCallCheck,
  verifyCheck,
} from '../../src/checks/builders.js';
import { channelSchemaCheck } from '../../src/checks/channel-schema.js';

export default defineSuite((entry) => [
  initRespondsCheck(entry),
  metadataSchemaCheck(entry),
  channelSchemaCheck({
    path: ['data', 'schema'],
    absentWarning: 'metadata.data.schema is absent: the core stores channel data unvalidated and the console has no form to render for it',
    failureEffect: 'channel create runs jsonschema validate with this schema, which raises SchemaError: every channel create fails',
  }),
  deterministicInitCheck(entry),
  verifyCheck(entry, 'Plugin.verify returns this error to the user; the notification core itself never calls verify'),
  optInCallCheck(entry, 'dispatch', {
    group: 'dispatch',
    name: 'sends',
    onFailure: 'the core counts a failed dispatch in its usage statistics and the notification is lost',
  }),
]);
