import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import { coreSource } from '../../src/spec.js';

const PACKAGE = 'spaceone.api.identity.plugin';
const CORE = 'src/spaceone/identity';

/** identity.Provider (account collectors, service AccountCollector): docs/core/identity.md. */
export const identityProvider: ServiceTypeEntry = {
  name: 'identity.Provider',
  aliases: [],
  description: 'Account collector the 2.x identity core syncs trusted accounts with (workspaces, projects, service accounts)',
  protoFiles: ['spaceone/api/identity/plugin/account_collector.proto'],
  services: {
    AccountCollector: { fullName: `${PACKAGE}.AccountCollector`, required: true },
  },
  init: { rpc: 'AccountCollector.init', sends: ['options', 'domain_id'] },
  metadataSchema: 'identity.Provider.metadata.json',
  sources: {
    services: [coreSource('docs/core/identity.md#service-types', 'api', 'proto/spaceone/api/identity/plugin/account_collector.proto')],
    init: [coreSource('docs/core/identity.md#accountcollector-rpcs', 'identity', `${CORE}/manager/account_collector_plugin_manager.py`)],
    metadata: [coreSource('docs/core/identity.md#accountcollector-metadata', 'identity', `${CORE}/manager/account_collector_plugin_manager.py`)],
  },
  optIn: [
    {
      name: 'sync',
      rpc: { rpc: 'AccountCollector.sync', sends: ['options', 'secret_data', 'domain_id', 'schema_id'] },
      reaches: 'lists accounts through the REAL cloud account API with --secret-data',
      help: 'JSON|@file: {} or {"schema_id": "..."} (sent only when the trusted account has one)',
      requiredKeys: [],
      sources: [coreSource('docs/core/identity.md#sync-answers', 'identity', `${CORE}/service/job_service.py`)],
    },
  ],
};
