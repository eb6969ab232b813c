import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { PipeDefinition } from '@store-front/sdk/resources';
import { Construct } from 'constructs';
import { secureQueue } from './data.js';
import { acknowledge } from './nag.js';

/** Attempts before a stream record the pipe cannot deliver goes to the pipe's DLQ. */
const pipeRetryAttempts = 10;

/**
 * A stream → queue hand-off as an EventBridge Pipe (L1 `CfnPipe`: Pipes has no L2 in aws-cdk-lib):
 * the definition's filter patterns and batch size, a role that may only read that stream and send to
 * that queue, and a DLQ for records it cannot deliver.
 */
export class StreamToQueuePipe extends Construct {
  /** The pipe (its `ref` is the pipe's name). */
  readonly pipe: pipes.CfnPipe;
  /** Records the pipe could not deliver after its retries. */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, definition: PipeDefinition, source: dynamodb.ITable, target: sqs.IQueue) {
    super(scope, id);
    if (!source.tableStreamArn) throw new Error(`Pipe ${definition.id}: table ${definition.sourceTable} has no stream`);
    this.deadLetterQueue = secureQueue(this, 'DeadLetterQueue', { retentionPeriod: Duration.days(14) });
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com') });
    source.grantStreamRead(role);
    target.grantSendMessages(role);
    this.deadLetterQueue.grantSendMessages(role);
    this.pipe = new pipes.CfnPipe(this, 'Pipe', {
      description: `Store Front ${definition.id}: ${definition.sourceTable} stream → ${definition.targetQueue} queue`,
      roleArn: role.roleArn,
      source: source.tableStreamArn,
      sourceParameters: {
        dynamoDbStreamParameters: {
          startingPosition: definition.startingPosition,
          batchSize: definition.batchSize,
          maximumRetryAttempts: pipeRetryAttempts,
          deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        },
        filterCriteria: { filters: definition.filterPatterns.map((pattern) => ({ pattern: JSON.stringify(pattern) })) },
      },
      target: target.queueArn,
    });
    // The role's permissions (its default policy) must exist before the pipe starts reading.
    this.pipe.node.addDependency(role.node.findChild('DefaultPolicy'));
    acknowledge(this, [
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'dynamodb:ListStreams (added by grantStreamRead) has no resource-level permissions; reading is scoped to the one stream.' },
      { id: 'AwsSolutions-SQS3', reason: 'This queue is the pipe\'s own dead-letter queue (Pipes DeadLetterConfig, which cdk-nag does not recognise as a redrive).' },
    ]);
  }
}
