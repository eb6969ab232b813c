import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { InitializeHandler, InitializeHandlerArguments } from '@smithy/types';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { inStockIndex } from '@store-front/sdk/resources';
import { describe, expect, it, vi } from 'vitest';
import { product } from '../../sdk/tests/support.js';
import { createAlertHarness } from './alertHarness.js';

describe('inventory checker on the emulator (stream → pipe runner → queue → checker → SNS)', () => {
  it('sends exactly one alert when 50 concurrent orders drain a product through its threshold, and one more after a restock', async () => {
    const h = await createAlertHarness();
    await h.store.inventory.put(product('Kettle', 60, 20, { lowStockThreshold: 20 }));
    const orders = await Promise.allSettled(
      Array.from({ length: 50 }, () => h.store.orders.place({ product: 'Kettle', quantity: 1 })),
    );
    expect(orders.filter((order) => order.status === 'fulfilled')).toHaveLength(50);
    const first = await h.settle();
    expect(first).toHaveLength(1);
    expect(first[0]!.subject).toBe('Low stock: Kettle');
    expect(first[0]!.attributes).toMatchObject({
      product: { Type: 'String', Value: 'Kettle' },
      quantity: { Type: 'Number', Value: '20' },
      threshold: { Type: 'Number', Value: '20' },
    });
    expect(first[0]!.message).toContain('Quantity:  20');

    // Restock above the threshold re-arms the alert; draining again through it alerts once more.
    await h.store.inventory.adjust('Kettle', 15); // 10 → 25
    for (let i = 0; i < 8; i++) await h.store.orders.place({ product: 'Kettle', quantity: 1 }); // 25 → 17
    const all = await h.settle();
    expect(all).toHaveLength(2);
    expect(all[1]!.attributes.quantity!.Value).toBe('20');

    const { items } = await h.store.alerts.recent({ limit: 5 });
    expect(items.map((alert) => [alert.product, alert.quantity, alert.threshold])).toEqual([
      ['Kettle', 20, 20],
      ['Kettle', 20, 20],
    ]);
    expect(items[0]!.at > items[1]!.at).toBe(true);
    expect((await h.store.alerts.recent({ limit: 1 })).items).toHaveLength(1);
  });

  it('takes a product that sold out out of the catalog listing index (the listing consumer), and lists it again on restock', async () => {
    const h = await createAlertHarness();
    await h.store.inventory.put([product('Teapot', 2, 30, { category: 'Pots' }), product('Cup', 5, 3, { category: 'Pots' })]);
    await h.store.orders.place({ product: 'Teapot', quantity: 2 });
    await h.settle();
    const indexed = await h.clients.documents.send(
      new QueryCommand({
        TableName: h.config.tables.inventory,
        IndexName: inStockIndex.indexName,
        KeyConditionExpression: 'inStock = :inStock',
        ExpressionAttributeValues: { ':inStock': inStockIndex.inStockValue },
      }),
    );
    expect(indexed.Items!.map((item) => item.product)).toEqual(['Cup']);
    await h.store.inventory.adjust('Teapot', 1);
    await h.settle();
    expect((await h.store.catalog.list({ category: 'Pots' })).items.map((item) => item.product)).toEqual(['Cup', 'Teapot']);
  });

  it('alerts when a threshold change puts current stock at or below it, not when stock was already low', async () => {
    const h = await createAlertHarness();
    await h.store.inventory.put([product('Lamp', 8, 30), product('Rug', 2, 50)]);
    await h.settle(); // inserts never alert: there was no stock above the threshold to cross from
    await h.store.inventory.put([product('Lamp', 8, 30, { lowStockThreshold: 10 }), product('Rug', 1, 50)]);
    const inbox = await h.settle();
    expect(inbox.map((alert) => alert.subject)).toEqual(['Low stock: Lamp']);
    expect(inbox[0]!.attributes.threshold!.Value).toBe('10');
  });

  it('publishes once when the same message is delivered three times', async () => {
    const h = await createAlertHarness();
    await h.store.inventory.put(product('Vase', 6, 15));
    await h.settle();
    // Take the crossing's stream record off the queue and deliver it three times.
    await h.store.orders.place({ product: 'Vase', quantity: 2 });
    expect(await h.runner.pollOnce()).toBe(1);
    const { Messages = [] } = await h.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: h.provisioned.queueUrls.inventoryCheck, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }),
    );
    expect(Messages).toHaveLength(1);
    await h.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: h.provisioned.queueUrls.inventoryCheck, ReceiptHandle: Messages[0]!.ReceiptHandle! }));
    for (let i = 0; i < 3; i++) {
      await h.clients.sqs.send(new SendMessageCommand({ QueueUrl: h.provisioned.queueUrls.inventoryCheck, MessageBody: Messages[0]!.Body! }));
    }
    const inbox = await h.settle(undefined);
    expect(inbox).toHaveLength(1);
    expect(h.poller.delivered).toBeGreaterThanOrEqual(3);
  });

  it('still delivers exactly one alert when the first SNS publish fails', async () => {
    const h = await createAlertHarness();
    let failures = 0;
    h.clients.sns.middlewareStack.add(
      (next: InitializeHandler<any, any>, context) => async (args: InitializeHandlerArguments<any>) => {
        if (context.commandName === 'PublishCommand' && failures === 0) {
          failures++;
          throw Object.assign(new Error('injected: SNS unavailable'), { name: 'InternalErrorException' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'failFirstPublish' },
    );
    await h.store.inventory.put(product('Clock', 7, 25));
    await h.store.orders.place({ product: 'Clock', quantity: 3 });
    const inbox = await h.settle();
    expect(failures).toBe(1);
    expect(h.poller.failed).toBe(1);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.attributes.quantity!.Value).toBe('4');
  });

  it('moves poison messages to the DLQ after the redrive count while the rest of the batch succeeds', async () => {
    const h = await createAlertHarness({ visibilityTimeout: 0 });
    const errors = vi.spyOn(h.logger, 'error');
    const queueUrl = h.provisioned.queueUrls.inventoryCheck!;
    await h.clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'not json {' }));
    await h.clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ eventID: 'x', eventName: 'MODIFY' }) }));
    await h.store.inventory.put(product('Stool', 6, 40));
    await h.store.orders.place({ product: 'Stool', quantity: 1 });
    const inbox = await h.settle();
    expect(inbox.map((alert) => alert.subject)).toEqual(['Low stock: Stool']);
    const { Attributes } = await h.clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: h.provisioned.queueUrls.inventoryCheckDlq, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(Attributes!.ApproximateNumberOfMessages).toBe('2');
    expect(h.poller.failed).toBe(10); // two poison messages, each received maxReceiveCount (5) times
    expect(errors).toHaveBeenCalledTimes(10);
  });

  it('skips, with a log line, an alert for a product deleted since the change', async () => {
    const h = await createAlertHarness();
    const warnings = vi.spyOn(h.logger, 'warn');
    await h.store.inventory.put(product('Desk', 6, 99));
    await h.store.orders.place({ product: 'Desk', quantity: 1 });
    await h.runner.pollOnce();
    const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    await h.clients.documents.send(new DeleteCommand({ TableName: h.config.tables.inventory, Key: { product: 'Desk' } }));
    const inbox = await h.settle(undefined);
    expect(inbox).toHaveLength(0);
    expect(warnings).toHaveBeenCalledWith(expect.stringContaining('deleted'), expect.objectContaining({ product: 'Desk' }));
  });
});
