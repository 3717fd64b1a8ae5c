import type { RpcSpec, ServiceTypeEntry } from '../../src/model/service-type.js';

const PACKAGE = 'spaceone.api.inventory.plugin';

/** inventory.Collector: capabilities.md §3.2, interfaces.md §2.3 and §5. */
export const inventoryCollector: ServiceTypeEntry = {
  name: 'inventory.Collector',
  aliases: [],
  description: 'Inventory collector: streams cloud resources (cloud services, their types, regions) into the inventory',
  protoFiles: ['spaceone/api/inventory/plugin/collector.proto', 'spaceone/api/inventory/plugin/job.proto'],
  services: {
    Collector: { fullName: `${PACKAGE}.Collector`, required: true },
    // The core swallows every Job error and then collects once without task_options.
    Job: { fullName: `${PACKAGE}.Job`, required: false },
  },
  init: { rpc: 'Collector.init', sends: ['options'] },
  verify: { rpc: 'Collector.verify', sends: ['options', 'secret_data'] },
  metadataSchema: 'inventory.Collector.metadata.json',
  optIn: [
    {
      name: 'collect',
      rpc: { rpc: 'Collector.collect', sends: ['options', 'secret_data', 'filter', 'task_options'], fixed: { filter: {} } },
      reaches: 'collects REAL resources from the cloud account behind --secret-data',
      help: 'JSON|@file with task_options (one task of Job.get_tasks; {} for a plugin without Job)',
      requiredKeys: [],
    },
  ],
};

/** Asked before every collect, with the collector's options and each matching secret. */
export const inventoryJobTasks: RpcSpec = { rpc: 'Job.get_tasks', sends: ['options', 'secret_data'] };
