import type { ServiceTypeEntry } from '../../src/model/service-type.js';

const PACKAGE = 'spaceone.api.identity.plugin';

/** identity.Provider (account collectors, service AccountCollector): capabilities.md §3.6, interfaces.md §2.2 and §5. */
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
  optIn: [
    {
      name: 'sync',
      rpc: { rpc: 'AccountCollector.sync', sends: ['options', 'secret_data', 'domain_id', 'schema_id'] },
      reaches: 'lists accounts through the REAL cloud account API with --secret-data',
      help: 'JSON|@file: {} or {"schema_id": "..."} (sent only when the trusted account has one)',
      requiredKeys: [],
    },
  ],
};
