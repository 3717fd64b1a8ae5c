import type { RpcSpec, ServiceTypeEntry } from '../../src/model/service-type.js';
import { coreSource } from '../../src/spec.js';

const PACKAGE = 'spaceone.api.inventory.plugin';
const CORE = 'src/spaceone/inventory';

/** inventory.Collector: docs/core/inventory.md. */
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
  sources: {
    services: [coreSource('docs/core/inventory.md#rpcs', 'inventory', `${CORE}/manager/collector_plugin_manager.py`)],
    init: [coreSource('docs/core/inventory.md#rpcs', 'inventory', `${CORE}/service/collector_service.py`)],
    metadata: [
      coreSource('docs/core/inventory.md#metadata', 'inventory', `${CORE}/service/collector_service.py`),
      coreSource('docs/core/inventory.md#metadata', 'inventory', `${CORE}/model/collector_rule_model.py`),
    ],
    verify: [coreSource('docs/core/inventory.md#verify', 'inventory', `${CORE}/service/collector_service.py`)],
  },
  optIn: [
    {
      name: 'collect',
      rpc: { rpc: 'Collector.collect', sends: ['options', 'secret_data', 'filter', 'task_options'], fixed: { filter: {} } },
      reaches: 'collects REAL resources from the cloud account behind --secret-data',
      help: 'JSON|@file with task_options (one task of Job.get_tasks; {} for a plugin without Job)',
      requiredKeys: [],
      sources: [coreSource('docs/core/inventory.md#collect-stream', 'inventory', `${CORE}/manager/collecting_manager.py`)],
    },
  ],
};

/** Asked before every collect, with the collector's options and each matching secret. */
export const inventoryJobTasks: RpcSpec = { rpc: 'Job.get_tasks', sends: ['options', 'secret_data'] };
export const inventoryJobTasksSources = [coreSource('docs/core/inventory.md#job-tasks', 'inventory', `${CORE}/manager/collector_plugin_manager.py`)];
