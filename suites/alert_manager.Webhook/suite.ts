/**
 * alert_manager.Webhook: only the proto contract is known (docs/core/alert-manager.md); the checks
 * mirror monitoring.Webhook's, with the request fields the protos add (domain_id).
 */
import { defineSuite } from '../../src/model/suite.js';
import { initRespondsCheck, entryInitSurface, verifyCheck } from '../../src/checks/builders.js';
import { eventParseCheck } from '../../src/checks/events.js';
import { ALERT_MANAGER_EVENT_RULES } from './event-rules.js';

export default defineSuite((entry) => [
  initRespondsCheck(entry, entryInitSurface(entry, { metadataOptional: true })),
  verifyCheck(entry, 'a verify API returns this error to the user (mirrors monitoring.Webhook; the alert-manager core was not read)'),
  eventParseCheck(entry, ALERT_MANAGER_EVENT_RULES),
]);
