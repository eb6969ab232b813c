import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type { TableNames } from '@store-front/sdk';
import type { StorefrontImages } from './StorefrontImages.js';

/** What the SDK's direct transport touches: `StorefrontApi` plus `reports.getSchedule/setSchedule`. */
export interface DirectAccessResources {
  readonly tables: Readonly<Record<keyof TableNames, dynamodb.ITable>>;
  readonly reportsBucket: s3.IBucket;
  readonly schedule: scheduler.ISchedule;
  /** The role the schedule runs with (`setSchedule` passes it back to Scheduler). */
  readonly scheduleRole: iam.IRole;
  /** Product images: `images.*` (galleries, presigned uploads, deleting files, CDN invalidations). */
  readonly images: Pick<StorefrontImages, 'grantManageImages'>;
}

/**
 * Grants exactly what `createStorefront()` needs to serve every call of its API: data access to the
 * tables (the alert log read-only), reading report files (presigned download URLs), reading or
 * changing the daily schedule, which passes the schedule's own role back to Scheduler, and managing
 * product images as the API does.
 */
export function grantDirectAccessTo(grantee: iam.IGrantable, resources: DirectAccessResources): iam.Grant {
  const { tables } = resources;
  const grants = [
    tables.productCatalog.grantReadWriteData(grantee),
    tables.inventory.grantReadWriteData(grantee),
    tables.orders.grantReadWriteData(grantee),
    tables.reportJobs.grantReadWriteData(grantee),
    tables.alertLog.grantReadData(grantee),
    resources.reportsBucket.grantRead(grantee, 'reports/*'),
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['scheduler:GetSchedule', 'scheduler:UpdateSchedule'],
      resourceArns: [resources.schedule.scheduleArn],
    }),
    resources.scheduleRole.grantPassRole(grantee.grantPrincipal),
    resources.images.grantManageImages(grantee),
  ];
  return grants.reduce((all, grant) => all.combine(grant));
}

/**
 * Lets `grant*` calls write into a managed policy: the grantee a customer-managed policy stands for,
 * so the stack's output policies are built by the very grants `grantAdminApi`/`grantDirectAccess` make.
 */
export class ManagedPolicyGrantee extends iam.PrincipalBase {
  override readonly principalAccount: string | undefined;
  override readonly assumeRoleAction = 'sts:AssumeRole';

  constructor(private readonly policy: iam.ManagedPolicy) {
    super();
    this.principalAccount = Stack.of(policy).account;
  }

  /** Stands for no principal: a managed policy is attached to principals, it is not one. */
  override get policyFragment(): iam.PrincipalPolicyFragment {
    return new iam.PrincipalPolicyFragment({});
  }

  override addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }

  override dedupeString(): string | undefined {
    return undefined;
  }
}
