/**
 * Event.parse on a sample payload (opt-in, `--event`): every event the plugin returns must be one
 * the core can store. The rules come from the monitoring core (docs/core/monitoring.md#events: event_service
 * _create_event reads event_key and event_type, parses occurred_at with dateutil's isoparse,
 * defaults severity to NONE; the Event model allows event_type ALERT|RECOVERY|ERROR and a fixed severity
 * set). What the core stores anyway (no title, no occurred_at, no event) is a warning.
 */
import type { ServiceTypeEntry } from '../model/service-type.js';
import type { Decoded } from '../grpc/protos.js';
import { isJsonObject, type Json, type JsonObject } from '../grpc/struct.js';
import type { CheckDetail } from '../model/results.js';
import { optInCallCheck } from './builders.js';
import type { CheckDefinition, Verdict } from '../model/check.js';
import { parsesAsCoreTimestamp } from './iso8601.js';

export interface EventRules {
  /** The event_type values the core stores. */
  eventTypes: readonly string[];
  /** The severity names the core stores; the enum's zero value arrives absent and becomes the default. */
  severities: readonly string[];
  /** What the core does when each rule is broken. */
  effects: {
    callFailed: string;
    unconvertible: string;
    eventKey: string;
    eventType: string;
    occurredAt: string;
    severity: string;
  };
  /** What the core does with what it tolerates. */
  tolerated: { noTitle: string; noOccurredAt: string; noEvents: string };
}

export function eventParseCheck(entry: ServiceTypeEntry, rules: EventRules): CheckDefinition {
  return optInCallCheck(entry, 'event', {
    group: 'event',
    name: 'parse',
    onFailure: rules.effects.callFailed,
    inspect: (response) => judgeEvents(response as Decoded, rules),
  });
}

export function judgeEvents(response: Decoded, rules: EventRules): Verdict {
  const details: CheckDetail[] = response.problems.map((problem) => ({ message: problem.problem, path: problem.path, coreEffect: rules.effects.unconvertible }));
  const warnings: string[] = [];
  const results = Array.isArray(response.message['results']) ? response.message['results'] : [];
  if (results.length === 0) warnings.push(rules.tolerated.noEvents);
  results.forEach((event, index) => {
    const found = judgeEvent(isJsonObject(event) ? event : {}, `$.results[${index}]`, rules);
    details.push(...found.details);
    warnings.push(...found.warnings);
  });
  if (details.length === 0) return { status: 'passed', warnings };
  return { status: 'failed', message: `${results.length} event(s) parsed, ${details.length} rule(s) broken: ${details[0]?.message}`, details, warnings };
}

function judgeEvent(event: JsonObject, at: string, rules: EventRules): { details: CheckDetail[]; warnings: string[] } {
  const details: CheckDetail[] = [];
  const warnings: string[] = [];
  const eventKey = event['event_key'];
  if (typeof eventKey !== 'string' || eventKey === '') {
    details.push({ message: `${at}.event_key is missing`, path: `${at}.event_key`, expected: 'a non-empty string', actual: shown(eventKey), coreEffect: rules.effects.eventKey });
  }
  const eventType = event['event_type'];
  if (typeof eventType !== 'string' || !rules.eventTypes.includes(eventType)) {
    details.push({ message: `${at}.event_type is ${JSON.stringify(shown(eventType))}`, path: `${at}.event_type`, expected: [...rules.eventTypes], actual: shown(eventType), coreEffect: rules.effects.eventType });
  }
  const severity = event['severity'];
  if (severity !== undefined && (typeof severity !== 'string' || !rules.severities.includes(severity))) {
    details.push({ message: `${at}.severity ${JSON.stringify(severity)} is not a known severity`, path: `${at}.severity`, expected: [...rules.severities], actual: severity, coreEffect: rules.effects.severity });
  }
  const occurredAt = event['occurred_at'];
  if (occurredAt === undefined || occurredAt === '') {
    warnings.push(`${at}.occurred_at is absent: ${rules.tolerated.noOccurredAt}`);
  } else {
    const parsed = typeof occurredAt === 'string' ? parsesAsCoreTimestamp(occurredAt) : { ok: false as const, reason: 'not a string' };
    if (!parsed.ok) {
      details.push({ message: `${at}.occurred_at ${JSON.stringify(occurredAt)} is not ISO-8601 as the core parses it (${parsed.reason})`, path: `${at}.occurred_at`, expected: 'ISO-8601, e.g. 2024-01-01T00:00:00.000Z', actual: occurredAt, coreEffect: rules.effects.occurredAt });
    }
  }
  const title = event['title'];
  if (typeof title !== 'string' || title === '') warnings.push(`${at}.title is absent: ${rules.tolerated.noTitle}`);
  return { details, warnings };
}

function shown(value: Json | undefined): Json {
  return value === undefined ? '(absent)' : value;
}
