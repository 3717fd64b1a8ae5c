/**
 * monitoring.Webhook: docs/core/monitoring.md. The core validates no metadata and reads none that
 * takes effect, so there is no metadata-schema or determinism check: any Struct, even none, is fine.
 */
import { defineSuite } from '../../src/model/suite.js';
import { initRespondsCheck, entryInitSurface, verifyCheck } from '../../src/checks/builders.js';
import { eventParseCheck } from '../../src/checks/events.js';
import { MONITORING_EVENT_RULES } from './event-rules.js';

export default defineSuite((entry) => [
  initRespondsCheck(entry, entryInitSurface(entry, { metadataOptional: true })),
  // Only verify_plugin calls it, yet the harness's contract is that verify answers OK whenever it runs
  // (README, Verdict policy): a user who presses verify must not see an error.
  verifyCheck(entry, 'Webhook.verify_plugin returns this error to the user who presses verify (no state is written)'),
  eventParseCheck(entry, MONITORING_EVENT_RULES),
]);
