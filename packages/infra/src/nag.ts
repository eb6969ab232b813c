import { Stack, Token, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** One cdk-nag finding accepted for a resource, with the reason it is right here. */
export interface NagAcknowledgement {
  /** The rule, or one finding of it: `AwsSolutions-S1`, `AwsSolutions-IAM5[Resource::…]`. */
  readonly id: string;
  readonly reason: string;
}

/**
 * Acknowledges cdk-nag findings on `construct` and its children, beside the code that creates it
 * (cdk-nag reads CDK's own acknowledgements, `Validations.of(…).acknowledge`).
 *
 * @example
 * ```ts
 * acknowledge(bucket, [{ id: 'AwsSolutions-S1', reason: 'reports are read through presigned URLs only' }]);
 * ```
 */
export function acknowledge(construct: IConstruct, acknowledgements: readonly NagAcknowledgement[]): void {
  Validations.of(construct).acknowledge(...acknowledgements);
}

/**
 * The id of an `AwsSolutions-IAM5` finding on `<resource's ARN><suffix>`, e.g. a table's `/index/*`:
 * grant* methods write those wildcards, and each is acknowledged on its own.
 */
export function wildcardFinding(resource: IConstruct, suffix: string): string {
  const element = resource.node.defaultChild as CfnElement;
  return `AwsSolutions-IAM5[Resource::<${Stack.of(resource).getLogicalId(element)}.Arn>${suffix}]`;
}

/** The s3 action wildcards `grantRead`/`grantPut` write (`s3:GetObject*` and the like). */
const s3GrantActions = ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:Abort*'];

/**
 * The wildcards the store's `grant*` calls write: each table's `/index/*` (its GSIs) and the report
 * objects under `reports/*` with the s3 action families — all scoped to the store's own resources.
 */
export function storeGrantAcknowledgements(tables: readonly IConstruct[], reportsBucket: IConstruct): NagAcknowledgement[] {
  const reason = "grant* scopes access to the store's own resources: a table's indexes (index/*), the report files (reports/*) and the S3 action families grantRead/grantPut use.";
  return [
    ...tables.map((table) => ({ id: wildcardFinding(table, '/index/*'), reason })),
    { id: wildcardFinding(reportsBucket, '/reports/*'), reason },
    ...s3GrantActions.map((action) => ({ id: `AwsSolutions-IAM5[Action::${action}]`, reason })),
  ];
}

/**
 * How cdk-nag writes the stack's region and account inside a finding: as `<AWS::Region>` and
 * `<AWS::AccountId>` for an environment-agnostic stack, literally otherwise.
 */
export function findingEnvironment(scope: IConstruct): { region: string; account: string } {
  const stack = Stack.of(scope);
  return {
    region: Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region,
    account: Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account,
  };
}
