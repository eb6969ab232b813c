import { paginateQuery, type AttributeValue, type DynamoDBClient, type QueryCommandOutput } from '@aws-sdk/client-dynamodb';
import { ordersDayIndex } from '../resources.js';
import { normalizeName } from '../schemas.js';
import { localDayUtcRange, utcDaysBetween } from './storeTime.js';

/** One order line as the sales report reads it from the day index. */
export interface SalesLine {
  readonly orderId: string;
  readonly orderDate: string;
  readonly product: string;
  readonly category: string;
  readonly quantity: number;
  readonly unitCost: number;
}

/** Where and how {@link salesOfDay} reads. */
export interface SalesOfDayOptions {
  readonly ordersTable: string;
  /** Local calendar day, `YYYY-MM-DD`. */
  readonly date: string;
  /** The store's IANA time zone: which UTC instants make up `date`. */
  readonly timeZone: string;
  /** Items per Query page: bounds the rows held in memory per shard. */
  readonly pageSize: number;
}

/** One shard's Query, one page at a time. */
interface ShardReader {
  readonly pages: AsyncIterator<QueryCommandOutput>;
  /** Items as DynamoDB sends them: each row is converted only when it is written. */
  page: Record<string, AttributeValue>[];
  position: number;
}

/**
 * Every order line of a local day, in `orderDate` order (then order id, then product), reading only
 * that day: each shard of each UTC day the local day overlaps (two UTC days unless the zone is UTC)
 * is queried on the `byDay` index with `orderDate BETWEEN` the local day's UTC bounds, the shards in
 * parallel, and their sorted pages merged. The cost follows the rows of that day, not the table, and
 * memory holds one page per shard, kept in DynamoDB's own form (the bare client, not the document
 * client) so a page is not held twice.
 *
 * @example
 * ```ts
 * for await (const line of salesOfDay(dynamodb, { ordersTable: 'orders', date: '2024-05-01', timeZone: 'Europe/Berlin', pageSize: 1000 })) {
 *   console.log(line.orderDate, line.product, line.quantity);
 * }
 * ```
 */
export async function* salesOfDay(dynamodb: DynamoDBClient, options: SalesOfDayOptions): AsyncGenerator<SalesLine> {
  const { from, to } = localDayUtcRange(options.date, options.timeZone);
  const shards = utcDaysBetween(from, to).flatMap((day) =>
    Array.from({ length: ordersDayIndex.shardCount }, (_, shard) => `${day}#${shard}`),
  );

  const readers: ShardReader[] = shards.map((dayShard) => ({
    pages: paginateQuery({ client: dynamodb, pageSize: options.pageSize }, shardQuery(options.ordersTable, dayShard, from, to))[
      Symbol.asyncIterator
    ](),
    page: [],
    position: 0,
  }));
  await Promise.all(readers.map(readPage));

  // Readers whose current page still has rows, or that have more pages to fetch.
  let open = readers.filter((reader) => reader.page.length > 0);
  while (open.length > 0) {
    let earliest = open[0]!;
    for (const reader of open) if (compareLines(reader.page[reader.position]!, earliest.page[earliest.position]!) < 0) earliest = reader;
    yield toSalesLine(earliest.page[earliest.position]!);
    earliest.position += 1;
    if (earliest.position === earliest.page.length) {
      await readPage(earliest);
      if (earliest.page.length === 0) open = open.filter((reader) => reader !== earliest);
    }
  }
}

/** The next page of a shard that has rows (past empty pages), or an empty page once the shard is read. */
async function readPage(reader: ShardReader): Promise<void> {
  reader.position = 0;
  for (;;) {
    const next = await reader.pages.next();
    reader.page = next.done ? [] : (next.value.Items ?? []);
    if (next.done || reader.page.length > 0) return;
  }
}

/** The Query of one shard of the day index, between the local day's UTC bounds. */
function shardQuery(ordersTable: string, dayShard: string, from: string, to: string) {
  return {
    TableName: ordersTable,
    IndexName: ordersDayIndex.indexName,
    KeyConditionExpression: '#shard = :shard AND #date BETWEEN :from AND :to',
    ExpressionAttributeNames: {
      '#shard': ordersDayIndex.partitionKey.name,
      '#date': ordersDayIndex.sortKey.name,
      '#product': 'product',
      '#quantity': 'quantity',
    },
    ExpressionAttributeValues: { ':shard': { S: dayShard }, ':from': { S: from }, ':to': { S: to } },
    ProjectionExpression: 'OrderId, #product, #date, #quantity, unitCost, category',
  };
}

function compareLines(a: Record<string, AttributeValue>, b: Record<string, AttributeValue>): number {
  for (const name of ['orderDate', 'OrderId', 'product']) {
    const [x, y] = [a[name]?.S ?? '', b[name]?.S ?? ''];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function toSalesLine(item: Record<string, AttributeValue>): SalesLine {
  return {
    orderId: item.OrderId!.S!,
    orderDate: item.orderDate!.S!,
    // Names as every input path normalizes them, also for lines stored before that rule.
    product: normalizeName(item.product!.S!),
    category: normalizeName(item.category?.S ?? ''),
    quantity: Number(item.quantity!.N),
    unitCost: Number(item.unitCost!.N),
  };
}
