/**
 * Which Cloudforet sources the rules were taken from (shared/spec/capabilities.md §0.1 and
 * interfaces.md §0). Reports carry it, so a verdict can be traced to the core it speaks for.
 * Update both together when the rules are re-read from newer sources.
 */
export interface SpecSource {
  repo: string;
  sha: string;
  date: string;
}

export const SPEC_SOURCES: readonly SpecSource[] = [
  { repo: 'cloudforet-io/api', sha: 'fcfbd42', date: '2025-09-10' },
  { repo: 'cloudforet-io/python-core', sha: 'e628da0', date: '2025-11-13' },
  { repo: 'cloudforet-io/notification', sha: 'cb8ef5a', date: '2025-02-28' },
  { repo: 'cloudforet-io/inventory', sha: '65d4f20', date: '2025-11-18' },
  { repo: 'cloudforet-io/monitoring', sha: 'c461d8f', date: '2025-11-19' },
  { repo: 'cloudforet-io/identity', sha: '119cc5f', date: '2025-11-24' },
  { repo: 'cloudforet-io/cost-analysis', sha: 'd287a87', date: '2025-10-28' },
  { repo: 'cloudforet-io/repository', sha: '1058e44', date: '2025-11-20' },
  { repo: 'cloudforet-io/plugin', sha: '40ef54f', date: '2025-11-18' },
  { repo: 'cloudforet-io/supervisor', sha: '9a66f73', date: '2025-11-18' },
];

/** The spec's version: the date of the newest source read. */
export const SPEC_VERSION = SPEC_SOURCES.map((source) => source.date).sort().at(-1) ?? 'unknown';
