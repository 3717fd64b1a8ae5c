import type { RpcSpec, ServiceTypeEntry } from '../../src/model/service-type.js';
import { coreSource } from '../../src/spec.js';

const PACKAGE = 'spaceone.api.cost_analysis.plugin';
const CORE = 'src/spaceone/cost_analysis';

/** cost_analysis.DataSource: docs/core/cost-analysis.md. */
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
  sources: {
    services: [coreSource('docs/core/cost-analysis.md#rpcs', 'cost-analysis', `${CORE}/connector/datasource_plugin_connector.py`)],
    init: [coreSource('docs/core/cost-analysis.md#rpcs', 'cost-analysis', `${CORE}/service/data_source_service.py`)],
    metadata: [
      coreSource('docs/core/cost-analysis.md#metadata', 'cost-analysis', `${CORE}/manager/data_source_plugin_manager.py`),
      coreSource('docs/core/cost-analysis.md#metadata', 'cost-analysis', `${CORE}/service/unified_cost_service.py`),
    ],
    verify: [coreSource('docs/core/cost-analysis.md#verify', 'cost-analysis', `${CORE}/service/data_source_service.py`)],
  },
  optIn: [
    {
      name: 'cost-tasks',
      rpc: { rpc: 'Job.get_tasks', sends: ['options', 'secret_data', 'schema', 'start', 'last_synchronized_at', 'domain_id', 'linked_accounts'] },
      reaches: 'asks the REAL cloud billing API (with --secret-data) what to collect',
      help: 'JSON|@file with start, last_synchronized_at, schema, linked_accounts (each optional; {} as on a first sync)',
      requiredKeys: [],
      sources: [coreSource('docs/core/cost-analysis.md#cost-data', 'cost-analysis', `${CORE}/service/job_service.py`)],
    },
    {
      name: 'cost-data',
      rpc: { rpc: 'Cost.get_data', sends: ['options', 'secret_data', 'schema', 'task_options', 'domain_id'] },
      reaches: 'reads REAL cost data from the cloud billing API (with --secret-data)',
      help: 'JSON|@file with task_options (one task of Job.get_tasks) and optional schema',
      requiredKeys: ['task_options'],
      sources: [coreSource('docs/core/cost-analysis.md#cost-data', 'cost-analysis', `${CORE}/service/job_service.py`)],
    },
  ],
};

/** Called at register and before every sync when metadata.use_account_routing is on. */
export const costLinkedAccounts: RpcSpec = { rpc: 'Cost.get_linked_accounts', sends: ['options', 'secret_data', 'schema', 'domain_id'] };
export const costLinkedAccountsSources = [coreSource('docs/core/cost-analysis.md#cost-data', 'cost-analysis', `${CORE}/manager/data_source_account_manager.py`)];
