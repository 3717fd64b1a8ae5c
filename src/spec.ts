/**
 * Which Cloudforet sources the rules were taken from (docs/core/README.md#revisions). Reports carry
 * it, so a verdict can be traced to the core it speaks for. Update both together when the rules
 * are re-read from newer sources.
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

/**
 * Where one check's rule comes from, as MCP conformance's specReferences: the project's account of
 * the core behaviour and the upstream file that behaviour was read in. Every check carries at
 * least one; `list --json`, docs/requirements.md and the HTML and JSON reports show them.
 */
export interface CheckSource {
  /** `docs/core/<file>.md#<heading>`, a heading of the project's own description. */
  doc: string;
  /** `<owner>/<repository>@<revision>:<path>`, where the core does what the doc says. */
  upstream: string;
}

/**
 * A source read at the revision SPEC_SOURCES lists for `repo` (e.g. 'notification'), or at the
 * one given in `repo` itself ('cloudforet-io/monitoring@3233ddc') for a fact re-read elsewhere.
 */
export function coreSource(doc: string, repo: string, path: string): CheckSource {
  const pinned = repo.includes('@') ? repo : `${repo.includes('/') ? repo : `cloudforet-io/${repo}`}@${revisionOf(repo)}`;
  return { doc, upstream: `${pinned}:${path}` };
}

function revisionOf(repo: string): string {
  const name = repo.includes('/') ? repo : `cloudforet-io/${repo}`;
  const found = SPEC_SOURCES.find((source) => source.repo === name);
  if (!found) throw new Error(`no revision recorded for ${name} in SPEC_SOURCES`);
  return found.sha;
}

const CLIENT = 'src/spaceone/core/pygrpc/client.py';

/** Sources of what every service type shares: the lifecycle and transport of docs/core/README.md. */
export const COMMON_SOURCES = {
  connection: coreSource('docs/core/README.md#connection', 'cloudforet-io/python-core@9fd242b', CLIENT),
  reflection: coreSource('docs/core/README.md#discovery-by-reflection', 'cloudforet-io/python-core@9fd242b', CLIENT),
  requestMessages: coreSource('docs/core/README.md#request-messages', 'cloudforet-io/python-core@9fd242b', CLIENT),
  generations: coreSource('docs/core/README.md#core-generations', 'python-core', CLIENT),
  init: coreSource('docs/core/README.md#init', 'plugin', 'src/spaceone/plugin/service/plugin_service.py'),
  structValues: coreSource('docs/core/README.md#struct-values', 'python-core', 'src/spaceone/core/pygrpc/api.py'),
  verify: coreSource('docs/core/README.md#verify', 'plugin', 'src/spaceone/plugin/service/plugin_service.py'),
  errors: coreSource('docs/core/README.md#errors', 'cloudforet-io/python-core@9fd242b', CLIENT),
  serverExtras: coreSource('docs/core/README.md#server-extras', 'python-core', 'src/spaceone/core/config/default_conf.py'),
  manifest: coreSource('docs/core/README.md#manifest', 'repository', 'src/spaceone/repository/service/plugin_service.py'),
} as const;
