import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import { coreSource } from '../../src/spec.js';

const PACKAGE = 'spaceone.api.monitoring.plugin';
const CORE = 'src/spaceone/monitoring';
const ANSWERS = 'docs/core/monitoring.md#datasource-answers';
const BACKEND = 'queries the REAL monitoring backend (e.g. CloudWatch, Azure Monitor) with the given options and secret data';

/** monitoring.DataSource: docs/core/monitoring.md. */
export const monitoringDataSource: ServiceTypeEntry = {
  name: 'monitoring.DataSource',
  aliases: [],
  description: 'Metric (METRIC) or log (LOG) source the monitoring service queries for a resource (CloudWatch, Azure Monitor, CloudTrail, ...)',
  protoFiles: [
    'spaceone/api/monitoring/plugin/data_source.proto',
    'spaceone/api/monitoring/plugin/metric.proto',
    'spaceone/api/monitoring/plugin/log.proto',
  ],
  services: {
    DataSource: { fullName: `${PACKAGE}.DataSource`, required: true },
    // One of the two, by monitoring type; serving both is fine (the CloudWatch plugin does).
    Metric: { fullName: `${PACKAGE}.Metric`, required: false },
    Log: { fullName: `${PACKAGE}.Log`, required: false },
  },
  init: { rpc: 'DataSource.init', sends: ['options'] },
  verify: { rpc: 'DataSource.verify', sends: ['options', 'secret_data', 'schema'] },
  metadataSchema: 'monitoring.DataSource.metadata.json',
  sources: {
    services: [coreSource('docs/core/monitoring.md#datasource-services', 'monitoring', `${CORE}/manager/data_source_plugin_manager.py`)],
    init: [coreSource('docs/core/monitoring.md#datasource-rpcs', 'monitoring', `${CORE}/service/data_source_service.py`)],
    metadata: [
      coreSource('docs/core/monitoring.md#datasource-metadata', 'monitoring', `${CORE}/model/plugin_metadata_model.py`),
      coreSource('docs/core/monitoring.md#datasource-metadata', 'monitoring', `${CORE}/manager/data_source_plugin_manager.py`),
    ],
    verify: [coreSource('docs/core/monitoring.md#datasource-rpcs', 'monitoring', `${CORE}/service/data_source_service.py`)],
    capability: [coreSource('docs/core/monitoring.md#datasource-capability', 'monitoring', `${CORE}/service/data_source_service.py`)],
  },
  choices: [
    {
      name: 'monitoring-type',
      values: ['METRIC', 'LOG'],
      help: "monitoring.DataSource: the manifest's capability.monitoring_type; without it the run infers the type from the services the plugin serves and its metadata keys, and says so",
    },
  ],
  optIn: [
    {
      name: 'metric-list',
      rpc: { rpc: 'Metric.list', sends: ['options', 'secret_data', 'query', 'schema'] },
      reaches: BACKEND,
      help: 'JSON|@file with query (the value at the resource\'s required_keys[0]) and optional schema',
      requiredKeys: ['query'],
      sources: [coreSource(ANSWERS, 'monitoring', `${CORE}/service/metric_service.py`)],
    },
    {
      name: 'metric-data',
      rpc: { rpc: 'Metric.get_data', sends: ['metric', 'start', 'end', 'period', 'stat', 'secret_data', 'metric_query', 'options', 'schema'] },
      reaches: BACKEND,
      help: 'JSON|@file with metric_query, metric, start, end and optional period, stat, schema',
      requiredKeys: ['metric_query', 'metric', 'start', 'end'],
      sources: [coreSource(ANSWERS, 'monitoring', `${CORE}/service/metric_service.py`)],
    },
    {
      name: 'log-list',
      rpc: { rpc: 'Log.list', sends: ['options', 'secret_data', 'query', 'start', 'end', 'schema', 'keyword', 'sort', 'limit'] },
      reaches: BACKEND,
      help: 'JSON|@file with query, start, end and optional keyword, sort {key, desc}, limit, schema',
      requiredKeys: ['query', 'start', 'end'],
      sources: [coreSource(ANSWERS, 'monitoring', `${CORE}/service/log_service.py`)],
    },
  ],
  manifest: {
    capabilitySchema: 'capability/monitoring.DataSource.json',
    metadataModelBy: {
      key: 'monitoring_type',
      models: {
        METRIC: { allowed: ['supported_stat', 'required_keys', 'supported_providers'], required: ['supported_stat'] },
        LOG: { allowed: ['required_keys', 'view', 'supported_providers'], required: [] },
      },
      coreEffect:
        'the monitoring core validates init metadata with the strict model of the manifest\'s monitoring_type at data source registration: a missing field or any other key raises ERROR_INVALID_PLUGIN_OPTIONS and registration fails',
    },
  },
};
