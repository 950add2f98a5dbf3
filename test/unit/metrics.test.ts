import { describe, expect, it } from 'vitest';
import { createPromMetrics } from '../../core/infra/metrics/prom-metrics.ts';
import { createRecordingMetrics, NOOP_METRICS } from '../../core/metrics/metrics.ts';

const sample = (body: string, name: string): number | undefined => {
  const line = body.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

describe('prometheus metrics', () => {
  it('should expose each reported figure under its name and labels when scraped', async () => {
    const { metrics, render } = createPromMetrics({ defaultMetrics: false });
    metrics.relayed('to_employees', 'slack');
    metrics.relayed('to_employees', 'slack');
    metrics.relayed('to_customers', 'teams');
    metrics.inboundRejected('slack', 'unauthorized');
    metrics.deliveryAttempt('discord', 'message.post');
    metrics.deliveryLatency('discord', 'message.post', 0.2);
    metrics.deliveryRetry('discord', 'message.post');
    metrics.deadLetter('slack', 'card.post');
    metrics.rateLimited('slack');
    const { body, contentType } = await render();
    expect(contentType).toContain('text/plain');
    expect(sample(body, 'heimo_messages_relayed_total{direction="to_employees",platform="slack"}')).toBe(2);
    expect(sample(body, 'heimo_messages_relayed_total{direction="to_customers",platform="teams"}')).toBe(1);
    expect(sample(body, 'heimo_inbound_rejected_total{platform="slack",reason="unauthorized"}')).toBe(1);
    expect(sample(body, 'heimo_delivery_attempts_total{platform="discord",kind="message.post"}')).toBe(1);
    expect(sample(body, 'heimo_delivery_latency_seconds_count{platform="discord",kind="message.post"}')).toBe(1);
    expect(sample(body, 'heimo_delivery_latency_seconds_bucket{le="0.25",platform="discord",kind="message.post"}')).toBe(1);
    expect(sample(body, 'heimo_delivery_latency_seconds_bucket{le="0.1",platform="discord",kind="message.post"}')).toBe(0);
    expect(sample(body, 'heimo_delivery_retries_total{platform="discord",kind="message.post"}')).toBe(1);
    expect(sample(body, 'heimo_dead_letters_total{platform="slack",kind="card.post"}')).toBe(1);
    expect(sample(body, 'heimo_rate_limited_total{platform="slack"}')).toBe(1);
  });

  it('should keep instances apart when two registries live in one process', async () => {
    const first = createPromMetrics();
    const second = createPromMetrics();
    first.metrics.rateLimited('discord');
    expect(sample((await first.render()).body, 'heimo_rate_limited_total{platform="discord"}')).toBe(1);
    expect(sample((await second.render()).body, 'heimo_rate_limited_total{platform="discord"}')).toBeUndefined();
    expect((await second.render()).body).toContain('nodejs_eventloop_lag_seconds');
  });

  it('should read a scrape gauge on every scrape when one is added', async () => {
    const registry = createPromMetrics({ defaultMetrics: false });
    let depth = 3;
    registry.addScrapeGauge({ name: 'heimo_test_depth', help: 'test', labelNames: ['platform'], read: () => [{ labels: { platform: 'slack' }, value: depth }] });
    expect(sample((await registry.render()).body, 'heimo_test_depth{platform="slack"}')).toBe(3);
    depth = 7;
    expect(sample((await registry.render()).body, 'heimo_test_depth{platform="slack"}')).toBe(7);
  });

  it('should still render and report the failure when a scrape gauge cannot be read', async () => {
    const failures: string[] = [];
    const registry = createPromMetrics({ defaultMetrics: false, onReadError: (name) => failures.push(name) });
    registry.addScrapeGauge({ name: 'heimo_broken', help: 'test', read: () => Promise.reject(new Error('queue down')) });
    registry.addScrapeGauge({ name: 'heimo_broken_by_platform', help: 'test', labelNames: ['platform'], read: () => Promise.reject(new Error('queue down')) });
    registry.metrics.rateLimited('teams');
    const { body } = await registry.render();
    expect(sample(body, 'heimo_rate_limited_total{platform="teams"}')).toBe(1);
    expect(sample(body, 'heimo_broken')).toBeNaN();
    expect(body).not.toMatch(/^heimo_broken_by_platform/m);
    expect(failures.sort()).toEqual(['heimo_broken', 'heimo_broken_by_platform']);
  });

  it('should record calls in order when the in-memory implementation is used', () => {
    const recording = createRecordingMetrics();
    recording.relayed('to_customers', 'slack');
    recording.deadLetter('discord', 'thread.open');
    expect(recording.calls).toEqual([
      ['relayed', 'to_customers', 'slack'],
      ['deadLetter', 'discord', 'thread.open'],
    ]);
    expect(() => NOOP_METRICS.deliveryLatency('slack', 'card.post', 1)).not.toThrow();
  });
});
