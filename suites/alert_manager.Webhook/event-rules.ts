/**
 * alert_manager.Webhook's event rules mirror monitoring.Webhook's, since only its proto is known:
 * its enums name the values, and its core's handling could not be read.
 */
import type { EventRules } from '../../src/checks/events.js';

const MIRRORED = ' (mirrors monitoring.Webhook; the alert-manager core was not read)';

export const ALERT_MANAGER_EVENT_RULES: EventRules = {
  // alert_manager.plugin.EventType has only ALERT and RECOVERY (besides EVENT_TYPE_NONE): no ERROR.
  eventTypes: ['ALERT', 'RECOVERY'],
  // EVENT_SEVERITY_NONE is the enum's zero value: it arrives absent, as an unset severity.
  severities: ['CRITICAL', 'ERROR', 'WARNING', 'INFO'],
  effects: {
    callFailed: `the core cannot turn the payload into an alert${MIRRORED}`,
    unconvertible: `MessageToDict raises on the answer${MIRRORED}`,
    eventKey: `an event without event_key cannot be deduplicated or stored${MIRRORED}`,
    eventType: `event_type EVENT_TYPE_NONE (unset) or a value outside the enum is neither an alert nor a recovery${MIRRORED}`,
    occurredAt: `occurred_at that dateutil isoparse cannot read fails the event${MIRRORED}`,
    severity: `a severity outside alert_manager.v1.EventSeverity cannot be stored${MIRRORED}`,
  },
  tolerated: {
    noTitle: `the alert would have no title${MIRRORED}`,
    noOccurredAt: `the event would have no time${MIRRORED}`,
    noEvents: 'Event.parse returned no event for this payload: no alert is created for it',
  },
};
