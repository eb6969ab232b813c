/**
 * One measurement of the reports bench, in its own process so its peak RSS is its own.
 * `report`: runs a sales report for the day through ReportWorker (DynamoDB → CSV → S3).
 * `bare`: the same rows read by the same paginated Query of each shard (same page size), nothing else:
 *   the report's cost beyond the reads it cannot avoid.
 * Prints one JSON line: rows, seconds, read calls, peak RSS.
 */
import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { createAwsClients, createStorefront, resolveConfig } from '../src/index.js';
import { ordersDayIndex, reportJobLimits } from '../src/entries/resources.js';
import { ReportWorker } from '../src/entries/workers.js';
import { CallCounter } from '../tests/support.js';

const [mode, endpoint, prefix, date] = process.argv.slice(2) as [string, string, string, string];
const settings = { endpoint, prefix, region: 'us-east-1', cursorSecret: 'bench-cursor-secret-000000' };
const config = resolveConfig(settings);
const clients = createAwsClients(config);
const counter = new CallCounter();
counter.attach(clients);
const readOperations = ['QueryCommand', 'ScanCommand', 'GetItemCommand', 'BatchGetItemCommand'];
const readCalls = () => readOperations.reduce((sum, name) => sum + (counter.counts.get(name) ?? 0), 0);

let rows: number;
let seconds: number;
if (mode === 'report') {
  const store = createStorefront({ ...settings, clients });
  const { executionId } = await store.reports.start({ type: 'sales', date });
  counter.reset();
  const started = performance.now();
  const outcome = await new ReportWorker(clients, config).run(executionId);
  seconds = (performance.now() - started) / 1000;
  if (outcome.outcome !== 'SUCCEEDED') throw new Error(`report ${outcome.outcome}: ${JSON.stringify(outcome)}`);
  rows = outcome.rowCount;
} else {
  counter.reset();
  const started = performance.now();
  rows = 0;
  for (let shard = 0; shard < ordersDayIndex.shardCount; shard++) {
    const pages = paginateQuery(
      { client: clients.documents },
      {
        TableName: config.tables.orders,
        IndexName: ordersDayIndex.indexName,
        KeyConditionExpression: '#shard = :shard AND #date BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#shard': 'dayShard', '#date': 'orderDate', '#product': 'product', '#quantity': 'quantity' },
        ExpressionAttributeValues: { ':shard': `${date}#${shard}`, ':from': `${date}T00:00:00.000Z`, ':to': `${date}T23:59:59.999Z` },
        ProjectionExpression: 'OrderId, #product, #date, #quantity, unitCost, category',
        Limit: reportJobLimits.salesPageSize,
      },
    );
    for await (const page of pages) rows += page.Items?.length ?? 0;
  }
  seconds = (performance.now() - started) / 1000;
}
console.log(
  JSON.stringify({ mode, date, rows, seconds, rowsPerSecond: rows / seconds, readCalls: readCalls(), peakRssMB: process.resourceUsage().maxRSS / 1024 }),
);
