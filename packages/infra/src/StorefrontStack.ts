import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Storefront } from './Storefront.js';
import type { StorefrontProps } from './StorefrontProps.js';

/** Options of {@link StorefrontStack}: the stack's own and the store's. */
export interface StorefrontStackProps extends StackProps {
  /** The store's options. @default - the `Storefront` defaults */
  readonly storefront?: StorefrontProps;
}

/**
 * The deployable stack: one {@link Storefront} and nothing else (`cdk deploy` from `packages/infra`).
 *
 * @example
 * ```ts
 * new StorefrontStack(app, 'Storefront', { storefront: { alertEmails: ['ops@example.com'] } });
 * ```
 */
export class StorefrontStack extends Stack {
  /** The store it deploys. */
  readonly storefront: Storefront;

  constructor(scope: Construct, id: string, props: StorefrontStackProps = {}) {
    super(scope, id, { description: 'Store Front: a serverless retail store', ...props });
    this.storefront = new Storefront(this, 'Store', props.storefront);
  }
}
