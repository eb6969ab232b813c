import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dailySalesKey } from '../resources.js';
import type { DailySales } from '../types.js';
import { addDays } from './storeTime.js';

/** Which report kept a day's figures, and when it finished. */
export interface FiguresSource {
  readonly executionId: string;
  readonly completedAt: string;
}

/**
 * Keeps a day's figures unless a report that finished later already kept its own: the table holds
 * the figures of each day's latest succeeded sales report, whatever order reports finish in.
 */
export async function keepDailySales(
  documents: DynamoDBDocumentClient,
  table: string,
  figures: DailySales,
  source: FiguresSource,
): Promise<void> {
  try {
    await documents.send(
      new PutCommand({
        TableName: table,
        Item: { [dailySalesKey.partitionKey.name]: dailySalesKey.salesValue, ...figures, ...source },
        ConditionExpression: 'attribute_not_exists(completedAt) OR completedAt <= :completedAt',
        ExpressionAttributeValues: { ':completedAt': source.completedAt },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** A day with no succeeded sales report: `reported: false`, every figure zero. */
export function unreportedDay(date: string): DailySales {
  return { date, reported: false, orders: 0, units: 0, revenue: 0, averageOrderValue: 0, byCategory: [], topProducts: [] };
}

/** The kept figures of one day, if any. */
export async function readDaySales(documents: DynamoDBDocumentClient, table: string, date: string): Promise<DailySales | undefined> {
  const { Item } = await documents.send(
    new GetCommand({ TableName: table, Key: { [dailySalesKey.partitionKey.name]: dailySalesKey.salesValue, date } }),
  );
  return Item ? toDailySales(Item) : undefined;
}

/** Every day from `from` to `to`, oldest first: one Query (a year of figures is well under 1 MB). */
export async function readDailySales(documents: DynamoDBDocumentClient, table: string, from: string, to: string): Promise<DailySales[]> {
  const kept = new Map<string, DailySales>();
  const pages = paginateQuery(
    { client: documents },
    {
      TableName: table,
      KeyConditionExpression: '#figures = :sales AND #date BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#figures': dailySalesKey.partitionKey.name, '#date': dailySalesKey.sortKey.name },
      ExpressionAttributeValues: { ':sales': dailySalesKey.salesValue, ':from': from, ':to': to },
    },
  );
  for await (const page of pages) for (const item of page.Items ?? []) kept.set(item.date as string, toDailySales(item));
  const days: DailySales[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) days.push(kept.get(date) ?? unreportedDay(date));
  return days;
}

function toDailySales(item: Record<string, unknown>): DailySales {
  const figures = item as unknown as DailySales;
  return {
    date: figures.date,
    reported: true,
    orders: figures.orders,
    units: figures.units,
    revenue: figures.revenue,
    averageOrderValue: figures.averageOrderValue,
    byCategory: figures.byCategory,
    topProducts: figures.topProducts,
  };
}
