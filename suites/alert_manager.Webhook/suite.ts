/**
 * alert_manager.Webhook: only the proto contract is known (capabilities.md §3.8); the checks
 * mirror monitoring.Webhook's, with the request fields the protos add (domain_id).
 */
import { defineSuite } from '../../src/model/suite.js';
import { initRespondsCheck, entryInitSurface } from '../../src/checks/builders.js';
import { advisoryVerifyCheck } from '../../src/checks/advisory-verify.js';
import { eventParseCheck } from '../../src/checks/events.js';
import { ALERT_MANAGER_EVENT_RULES } from './event-rules.js';

export default defineSuite((entry) => [
  initRespondsCheck(entry, entryInitSurface(entry, { metadataOptional: true })),
  advisoryVerifyCheck(entry, 'as for monitoring.Webhook, only a verify API would show this error (the alert-manager core was not read)'),
  eventParseCheck(entry, ALERT_MANAGER_EVENT_RULES),
]);
