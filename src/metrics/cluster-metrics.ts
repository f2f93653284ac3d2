import { AggregatorRegistry, type Registry } from 'prom-client';

/**
 * WEB_CONCURRENCY > 1: the primary answers a scrape with the sum of its
 * workers' registries (prom-client's AggregatorRegistry asks each worker over
 * the cluster's IPC channel and sums; gauges marked otherwise, such as
 * lead_manager_redis_up, use their own aggregator).
 *
 * Each side listens for the other only once an AggregatorRegistry exists in
 * that process: a worker without one never answers and the primary's scrape
 * times out. So every worker creates one as it starts, before its app exists
 * (it answers with an empty registry until then), and points it at its app's
 * registry once built (Metrics does).
 */
export function answerPrimaryScrapes(): void {
  new AggregatorRegistry();
}

export function clusterExposition(): { contentType: string; render(): Promise<string> } {
  const aggregator = new AggregatorRegistry();
  return { contentType: aggregator.contentType, render: () => aggregator.clusterMetrics() };
}

export function processExposition(registry: Registry): { contentType: string; render(): Promise<string> } {
  return { contentType: registry.contentType, render: () => registry.metrics() };
}
