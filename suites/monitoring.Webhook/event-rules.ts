/**
 * The event rules of the two webhook types. monitoring.Webhook's come from the monitoring core
 * (docs/core/monitoring.md#events); alert_manager.Webhook's mirror them, since only its proto is known
 * (docs/core/alert-manager.md#events): its enums name the values, and its core's handling could not be read.
 */
import type { EventRules } from '../../src/checks/events.js';

const LOST = 'the webhook POST fails and this and the later events of the payload are lost';

export const MONITORING_EVENT_RULES: EventRules = {
  // The Event model's choices; an ERROR event opens an alert in state ERROR (docs/core/monitoring.md).
  eventTypes: ['ALERT', 'RECOVERY', 'ERROR'],
  severities: ['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'NOT_AVAILABLE', 'NONE'],
  effects: {
    callFailed: 'the core records one "Webhook Event Parsing Error" event instead of the alert',
    unconvertible: 'MessageToDict raises on the answer: the core records a parsing-error event instead of the alert',
    eventKey: `the core reads event_data["event_key"] (an empty proto3 string arrives absent): KeyError, ${LOST}`,
    eventType: `the core reads event_data["event_type"] (absent: KeyError) and the Event model accepts only ALERT, RECOVERY and ERROR: ${LOST}`,
    occurredAt: `the core parses occurred_at with dateutil isoparse (python-core iso8601_to_datetime): ValueError, ${LOST}`,
    severity: `the Event and Alert models accept only CRITICAL, ERROR, WARNING, INFO, NOT_AVAILABLE, NONE: saving fails, ${LOST}`,
  },
  tolerated: {
    noTitle: 'the core stores the event and its alert without a title (the models do not require one), so the alert shows none; SDK plugins cannot send this (EventResponse requires title)',
    noOccurredAt: 'the core stores the event with occurred_at null',
    noEvents: 'Event.parse returned no event for this payload: the core creates nothing for it',
  },
};
