/*
 * The CDK app (`cdk.json` runs it): one StorefrontStack, configured from context (`-c key=value` or
 * cdk.json), every finding of cdk-nag's AwsSolutions pack either fixed or acknowledged beside its
 * resource. Synthesizing needs no AWS credentials: the stack is environment-agnostic.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { repositoryRoot } from './functions.js';
import { StorefrontStack } from './StorefrontStack.js';

const app = new App();
const context = (key: string): string | undefined => app.node.tryGetContext(key) ?? undefined;
const list = (key: string) => context(key)?.split(',').map((item) => item.trim()).filter(Boolean);
const prefix = context('prefix') ?? 'storefront';
const page = join(repositoryRoot, 'examples/storefront-web/dist');

new StorefrontStack(app, context('stackName') ?? (prefix === 'storefront' ? 'Storefront' : `Storefront-${prefix}`), {
  storefront: {
    prefix,
    alertEmails: list('alertEmails') ?? [],
    reportEmails: list('reportEmails') ?? [],
    ...(context('timeZone') ? { timeZone: context('timeZone') } : {}),
    ...(context('reportSchedule') ? { reportSchedule: context('reportSchedule') } : {}),
    ...(context('removalPolicy') === 'destroy' ? { removalPolicy: RemovalPolicy.DESTROY } : {}),
    // `npm run synth` and `npm run deploy` build the page first; without it the store deploys alone.
    ...(existsSync(join(page, 'index.html')) ? { webSite: { assetsDirectory: page } } : {}),
  },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
