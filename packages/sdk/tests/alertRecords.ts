import type { StockState } from '../src/entries/workers.js';

/** An inventory stream record in the JSON shape a pipe delivers. */
export function stockRecord(eventID: string, name: string, before: StockState | undefined, after: StockState, updatedAt = new Date().toISOString()) {
  const image = (state: StockState) => ({
    product: { S: name },
    quantity: { N: String(state.quantity) },
    lowStockThreshold: { N: String(state.threshold) },
    updatedAt: { S: updatedAt },
  });
  return {
    eventID,
    eventName: before ? 'MODIFY' : 'INSERT',
    dynamodb: { Keys: { product: { S: name } }, NewImage: image(after), ...(before ? { OldImage: image(before) } : {}), SequenceNumber: '100' },
  };
}
