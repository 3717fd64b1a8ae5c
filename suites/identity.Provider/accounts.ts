/**
 * What the identity core does with an account collector's answers: the init surface of
 * AccountCollector, and the accounts a trusted-account sync reads.
 */
import { single } from '../identity.ExternalAuth/sign-in.js';
import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import { isJsonObject, type JsonObject } from '../../src/grpc/struct.js';
import type { CheckDetail } from '../../src/model/results.js';
import { entryInitSurface, optInCallCheck, type InitSurface } from '../../src/checks/builders.js';
import type { CheckDefinition, Verdict } from '../../src/model/check.js';

/** AccountCollector.init: the core reads metadata with a default and no key in it (docs/core/identity.md#accountcollector-metadata). */
export function accountCollectorInitSurface(entry: ServiceTypeEntry): InitSurface {
  return entryInitSurface(entry, {
    onFailure: 'Provider.update_plugin fails, and so does every trusted-account sync job that upgrades the plugin version',
    absentMetadataWarning: 'PluginInfo.metadata is absent: the core stores {} (it reads the metadata with a default) and the console has no auto-sync options form',
    advisorySchema: entry.metadataSchema,
  });
}

/** AccountCollector.sync on opt-in: every account as the core's trusted-account sync job reads it. */
export function syncCheck(entry: ServiceTypeEntry): CheckDefinition {
  return optInCallCheck(entry, 'sync', {
    group: 'sync',
    name: 'accounts',
    onFailure: 'the trusted-account sync job ends in FAILURE and no account is synced',
    inspect: (response) => accountsVerdict(single(response)),
  });
}

const SYNC_JOB_FAILS = 'the sync job reads this key directly: KeyError, the job ends in FAILURE and no later account is synced';

export function accountsVerdict(response: JsonObject): Verdict {
  const results = Array.isArray(response['results']) ? response['results'] : [];
  if (results.length === 0) return { status: 'passed', warnings: ['sync returned no accounts: the core syncs nothing'] };
  const details: CheckDetail[] = [];
  const warnings: string[] = [];
  results.forEach((account, index) => {
    const path = `$.results[${index}]`;
    const fields = isJsonObject(account) ? account : {};
    // Empty proto3 strings are not sent, so an empty name or resource_id is an absent key for the core.
    for (const key of ['name', 'resource_id']) {
      if (fields[key] === undefined || fields[key] === '') details.push(missing(`${path}.${key}`, 'a non-empty string', SYNC_JOB_FAILS));
    }
    const location = Array.isArray(fields['location']) ? fields['location'] : [];
    if (location.length === 0) {
      warnings.push(`${path}.location is empty: for a DOMAIN-scoped trusted account the core skips this account (no workspace to put it in) unless sync_options.single_workspace_id is set`);
    }
    location.forEach((entry, position) => {
      for (const key of ['name', 'resource_id']) {
        if (!isJsonObject(entry) || !(key in entry)) {
          details.push(missing(`${path}.location[${position}].${key}`, 'present', 'the core reads location entries by key to create workspaces and project groups: KeyError, the sync job ends in FAILURE'));
        }
      }
    });
  });
  if (details.length > 0) return { status: 'failed', message: `${details.length} account field(s) the core needs are missing, first ${details[0]?.path}`, details, warnings };
  return warnings.length > 0 ? { status: 'passed', warnings } : { status: 'passed' };
}

function missing(path: string, expected: string, coreEffect: string): CheckDetail {
  return { message: `${path} is missing`, path, expected, actual: '(absent)', coreEffect };
}
