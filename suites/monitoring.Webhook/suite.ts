/**
 * monitoring.Webhook: capabilities.md §3.4. The core validates no metadata and reads none that
 * takes effect, so there is no metadata-schema or determinism check: any Struct, even none, is fine.
 */
import { defineSuite } from '../../src/model/suite.js';
import { initRespondsCheck, entryInitSurface } from '../../src/checks/builders.js';
import { advisoryVerifyCheck } from '../../src/checks/advisory-verify.js';
import { eventParseCheck } from '../../src/checks/events.js';
import { MONITORING_EVENT_RULES } from './event-rules.js';

export default defineSuite((entry) => [
  initRespondsCheck(entry, entryInitSurface(entry, { metadataOptional: true })),
  advisoryVerifyCheck(entry, 'Webhook.verify_plugin shows this error to a user who presses verify; the core writes no state and events are still parsed'),
  eventParseCheck(entry, MONITORING_EVENT_RULES),
]);
