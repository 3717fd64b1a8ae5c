/**
 * What the monitoring core does with a data source's query answers: Metric.list and
 * Metric.get_data (service/metric_service.py) and Log.list (service/log_service.py), docs/core/monitoring.md#datasource-answers.
 */
import type { Decoded } from '../../src/grpc/protos.js';
import type { Json } from '../../src/grpc/struct.js';
import type { CheckDetail } from '../../src/model/results.js';
import type { RunContext, Verdict } from '../../src/model/check.js';

const UNCONVERTIBLE = 'MessageToDict raises on the answer, which the core treats like a failed call';

export function judgeMetricList(response: Decoded): Verdict {
  const details = unconvertible(response);
  const metrics = Array.isArray(response.message['metrics']) ? response.message['metrics'] : [];
  metrics.forEach((metric, index) => {
    const item = metric && typeof metric === 'object' && !Array.isArray(metric) ? metric : {};
    const at = `$.metrics[${index}]`;
    if (typeof item['key'] !== 'string' || item['key'] === '') {
      details.push({ message: `${at}.key is missing`, path: `${at}.key`, expected: 'a non-empty string', actual: item['key'] ?? '(absent)', coreEffect: "the core indexes every metric by metric['key']: KeyError, and the whole Metric.list request fails" });
    }
    if (item['metric_query'] === undefined) {
      details.push({ message: `${at}.metric_query is missing`, path: `${at}.metric_query`, expected: 'a Struct', actual: '(absent)', coreEffect: "the core rewrites every metric's metric['metric_query']: KeyError, and the whole Metric.list request fails" });
    }
  });
  if (details.length > 0) return { status: 'failed', message: `Metric.list answer breaks ${details.length} rule(s): ${details[0]?.message}`, details };
  return metrics.length === 0 ? { status: 'passed', warnings: ['Metric.list returned no metric for this query: the console shows none for the resource'] } : { status: 'passed' };
}

export function judgeMetricData(response: Decoded, context: RunContext): Verdict {
  const details = unconvertible(response);
  if (details.length > 0) return { status: 'failed', message: `Metric.get_data answer cannot be converted: ${details[0]?.message}`, details };
  const stat: Json | undefined = context.config.optIn['metric-data']?.['stat'];
  const supported = context.facts.metadata?.['supported_stat'];
  if (typeof stat === 'string' && Array.isArray(supported) && !supported.includes(stat)) {
    return { status: 'passed', warnings: [`stat ${stat} is not in the metadata's supported_stat: the core refuses such a request with ERROR_NOT_SUPPORT_METRIC_STAT before it reaches the plugin`] };
  }
  return { status: 'passed' };
}

/** The core concatenates every streamed message's results and hands them to the console as they are. */
export function judgeLogList(items: readonly Decoded[]): Verdict {
  const details = items.flatMap(unconvertible);
  if (details.length > 0) return { status: 'failed', message: `Log.list stream cannot be converted: ${details[0]?.message}`, details };
  const count = items.reduce((total, item) => total + (Array.isArray(item.message['results']) ? item.message['results'].length : 0), 0);
  return count === 0 ? { status: 'passed', warnings: ['Log.list returned no log for this query: the console shows an empty table'] } : { status: 'passed' };
}

function unconvertible(response: Decoded): CheckDetail[] {
  return response.problems.map((problem) => ({ message: problem.problem, path: problem.path, coreEffect: UNCONVERTIBLE }));
}
