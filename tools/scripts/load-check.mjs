#!/usr/bin/env node
// A 60-second load run against a started server: `node tools/scripts/load-check.mjs <url> [connections] [seconds]`.
// Prints requests, non-2xx, errors, timeouts and the latency percentiles including p95 (autocannon reports p90/p97.5,
// so each response time is recorded here).
import autocannon from 'autocannon';

const [url, connections = '16', seconds = '60'] = process.argv.slice(2);
const times = [];
const statuses = {};
const instance = autocannon({ url, connections: Number(connections), duration: Number(seconds), timeout: 10 });
instance.on('response', (_client, status, _bytes, ms) => {
  times.push(ms);
  statuses[status] = (statuses[status] ?? 0) + 1;
});
instance.on('done', (r) => {
  times.sort((a, b) => a - b);
  const p = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  console.log(
    JSON.stringify(
      {
        url,
        connections: Number(connections),
        seconds: Number(seconds),
        requests: r.requests.total,
        statuses,
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
        latencyMs: { p50: p(0.5), p95: p(0.95), p99: p(0.99), max: times.at(-1) },
        requestsPerSecond: r.requests.average,
      },
      null,
      2,
    ),
  );
});
