/**
 * Which catalogued service type a plugin is, from the services its reflection lists: a type
 * matches when every service it requires is listed, under its official full name or at least
 * under the short name the core calls.
 */
import { shortServiceName as shortOf } from '../grpc/reflection.js';
import { SERVICE_TYPES } from './index.js';
import type { ServiceTypeEntry } from '../model/service-type.js';

export interface TypeMatch {
  entry: ServiceTypeEntry;
  /** `full name`: the official names; `short name`: only the short names the core calls by. */
  by: 'full name' | 'short name';
  /** Listed services that belong to the type, required and optional. */
  services: string[];
}

export type Detection =
  /** `missing`: required services of a type the plugin serves only part of (checked as the closest type; contract/services fails). */
  | { ok: true; match: TypeMatch; reason: string; missing?: string[] }
  | { ok: false; reason: string; matches: TypeMatch[] };

export function matchTypes(listed: readonly string[], entries: readonly ServiceTypeEntry[] = SERVICE_TYPES): TypeMatch[] {
  const matches: TypeMatch[] = [];
  for (const entry of entries) {
    const services = Object.entries(entry.services);
    const required = services.filter(([, service]) => service.required);
    if (required.length === 0) continue;
    const byFullName = required.every(([, service]) => listed.includes(service.fullName));
    const byShortName = required.every(([shortName]) => listed.some((name) => shortName === shortOf(name)));
    if (!byFullName && !byShortName) continue;
    const belongs = (name: string) =>
      services.some(([shortName, service]) => (byFullName ? name === service.fullName : shortOf(name) === shortName));
    matches.push({ entry, by: byFullName ? 'full name' : 'short name', services: listed.filter(belongs) });
  }
  return matches;
}

/**
 * Official names win over short names; among those, the type that accounts for the most listed
 * services. A tie is ambiguous: the user says which with --type.
 */
export function detectType(listed: readonly string[], entries: readonly ServiceTypeEntry[] = SERVICE_TYPES): Detection {
  const matches = matchTypes(listed, entries);
  const official = matches.filter((match) => match.by === 'full name');
  const pool = official.length > 0 ? official : matches;
  if (pool.length === 0) return closestPartialType(listed, entries);
  const most = Math.max(...pool.map((match) => match.services.length));
  const best = pool.filter((match) => match.services.length === most);
  const [chosen] = best;
  if (best.length > 1 || !chosen) {
    return { ok: false, matches, reason: `the listed services match several types equally (${best.map((match) => match.entry.name).join(', ')})` };
  }
  const others = pool.filter((match) => match !== chosen).map((match) => match.entry.name);
  const required = Object.entries(chosen.entry.services).filter(([, service]) => service.required).map(([shortName]) => shortName);
  const reason =
    `reflection lists its required service(s) ${required.join(', ')} under their ${chosen.by === 'full name' ? 'official names' : 'short names only'}` +
    ` (${chosen.services.join(', ')})` +
    (others.length > 0 ? `; preferred to ${others.join(', ')}, which account(s) for fewer listed services` : '');
  return { ok: true, match: chosen, reason };
}

/** A type's required services the plugin lists (by official name, else by short name) and those it lacks. */
interface PartialMatch {
  entry: ServiceTypeEntry;
  by: TypeMatch['by'];
  services: string[];
  missing: string[];
}

function partialMatch(entry: ServiceTypeEntry, listed: readonly string[]): PartialMatch {
  const required = Object.entries(entry.services).filter(([, service]) => service.required);
  const byFullName = required.filter(([, service]) => listed.includes(service.fullName));
  const byShortName = required.filter(([shortName]) => listed.some((name) => shortOf(name) === shortName));
  const found = byFullName.length > 0 ? byFullName : byShortName;
  return {
    entry,
    by: byFullName.length > 0 ? 'full name' : 'short name',
    services: found.map(([shortName, service]) => (byFullName.length > 0 ? service.fullName : shortName)),
    missing: required.filter((service) => !found.includes(service)).map(([shortName]) => shortName),
  };
}

/**
 * No type has all its required services listed: a CI gate still needs a report, so the plugin is
 * checked as the one type most of whose required services it lists (official names first), and
 * contract/services fails for the rest. A tie, or no overlap at all, cannot be decided: give --type.
 */
function closestPartialType(listed: readonly string[], entries: readonly ServiceTypeEntry[]): Detection {
  const overlapping = entries
    .filter((entry) => Object.values(entry.services).some((service) => service.required))
    .map((entry) => partialMatch(entry, listed))
    .filter((partial) => partial.services.length > 0);
  const official = overlapping.filter((partial) => partial.by === 'full name');
  const pool = official.length > 0 ? official : overlapping;
  if (pool.length === 0) {
    return { ok: false, matches: [], reason: `no catalogued service type matches the services the plugin lists (${listed.join(', ') || 'none'})` };
  }
  const most = Math.max(...pool.map((partial) => partial.services.length));
  const best = pool.filter((partial) => partial.services.length === most);
  const [chosen] = best;
  if (best.length > 1 || !chosen) {
    return {
      ok: false,
      matches: [],
      reason: `the listed services (${listed.join(', ')}) partly match several types equally (${best.map((partial) => `${partial.entry.name}, lacking ${partial.missing.join(', ')}`).join('; ')})`,
    };
  }
  const reason =
    `no type has all its required services listed; ${chosen.entry.name} is the closest: reflection lists ${chosen.services.join(', ')}` +
    ` (${chosen.by === 'full name' ? 'official names' : 'short names only'}) but not ${chosen.missing.join(', ')}, so contract/services fails`;
  return { ok: true, match: { entry: chosen.entry, by: chosen.by, services: chosen.services }, reason, missing: chosen.missing };
}
