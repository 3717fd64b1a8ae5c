/** notification.Protocol: docs/core/notification.md. */
import { defineSuite } from '../../src/model/suite.js';
import {
  deterministicInitCheck,
  initRespondsCheck,
  metadataSchemaCheck,
  optInCallCheck,
  verifyCheck,
} from '../../src/checks/builders.js';
import { channelSchemaCheck } from '../../src/checks/channel-schema.js';
import type { Verdict } from '../../src/model/check.js';
import type { JsonObject } from '../../src/grpc/struct.js';

export default defineSuite((entry) => [
  initRespondsCheck(entry),
  metadataSchemaCheck(entry),
  channelSchemaCheck({
    path: ['data', 'schema'],
    sources: entry.sources.metadata,
    whenAbsent: judgeAbsentChannelSchema,
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

/**
 * SECRET channel data is a secret the user must type into the console's form, which is rendered
 * from data.schema: without one the channel cannot be set up. PLAIN_TEXT data can be empty (the
 * core's own internal protocol declares only {"data_type": "PLAIN_TEXT"}), so that only warns.
 */
function judgeAbsentChannelSchema(metadata: JsonObject): Verdict {
  if (metadata['data_type'] === 'SECRET') {
    return {
      status: 'failed',
      message: 'metadata.data_type is SECRET but metadata.data.schema is absent: the console renders no form for the secret channel data',
      details: [{
        message: 'data_type SECRET without data.schema',
        path: '$.data.schema',
        expected: 'a JSON Schema of the channel data the user must enter',
        actual: '(absent)',
        coreEffect: 'the console has no form to enter the secret channel data, and the core stores whatever it is given unvalidated: the channel cannot be set up',
      }],
    };
  }
  return { status: 'passed', warnings: ['metadata.data.schema is absent: the core stores channel data unvalidated and the console has no form to render for it'] };
}
