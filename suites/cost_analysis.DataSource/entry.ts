import type { RpcSpec, ServiceTypeEntry } from '../../src/model/service-type.js';

const PACKAGE = 'spaceone.api.cost_analysis.plugin';

/** cost_analysis.DataSource: capabilities.md §3.7, interfaces.md §2.5 and §5. */
export const costAnalysisDataSource: ServiceTypeEntry = {
  name: 'cost_analysis.DataSource',
  aliases: [],
  description: 'Cost data source: collects billing data (cost, usage, account) from a cloud billing API into cost analysis',
  protoFiles: [
    'spaceone/api/cost_analysis/plugin/data_source.proto',
    'spaceone/api/cost_analysis/plugin/job.proto',
    'spaceone/api/cost_analysis/plugin/cost.proto',
  ],
  services: {
    DataSource: { fullName: `${PACKAGE}.DataSource`, required: true },
    Job: { fullName: `${PACKAGE}.Job`, required: true },
    Cost: { fullName: `${PACKAGE}.Cost`, required: true },
  },
  init: { rpc: 'DataSource.init', sends: ['options', 'domain_id'] },
  verify: { rpc: 'DataSource.verify', sends: ['options', 'secret_data', 'schema', 'domain_id'] },
  metadataSchema: 'cost_analysis.DataSource.metadata.json',
  optIn: [
    {
      name: 'cost-tasks',
      rpc: { rpc: 'Job.get_tasks', sends: ['options', 'secret_data', 'schema', 'start', 'last_synchronized_at', 'domain_id', 'linked_accounts'] },
      reaches: 'asks the REAL cloud billing API (with --secret-data) what to collect',
      help: 'JSON|@file with start, last_synchronized_at, schema, linked_accounts (each optional; {} as on a first sync)',
      requiredKeys: [],
    },
    {
      name: 'cost-data',
      rpc: { rpc: 'Cost.get_data', sends: ['options', 'secret_data', 'schema', 'task_options', 'domain_id'] },
      reaches: 'reads REAL cost data from the cloud billing API (with --secret-data)',
      help: 'JSON|@file with task_options (one task of Job.get_tasks) and optional schema',
      requiredKeys: ['task_options'],
    },
  ],
};

/** Called at register and before every sync when metadata.use_account_routing is on. */
export const costLinkedAccounts: RpcSpec = { rpc: 'Cost.get_linked_accounts', sends: ['options', 'secret_data', 'schema', 'domain_id'] };
