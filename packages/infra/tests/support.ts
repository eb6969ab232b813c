import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { Storefront, type StorefrontProps } from '../src/index.js';

/** A stack holding one Storefront, synthesized without bundling the functions (the bench bundles them). */
export function synthesizeStore(props: StorefrontProps = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const store = new Storefront(stack, 'Store', props);
  const template = Template.fromStack(stack);
  const logicalId = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  return { app, stack, store, template, logicalId };
}

/** A built page: what `npm run build -w @store-front/storefront-web` writes. */
export function pageDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'storefront-page-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Store</title>');
  return dir;
}

type Json = unknown;

/** A policy resource as text: `{"Fn::GetAtt":["X","Arn"]}` → `<X>`, joins flattened, `Ref`s → `<X>`. */
export function resourceText(value: Json): string {
  if (typeof value === 'string') return value;
  const object = value as Record<string, Json>;
  if (object['Fn::GetAtt']) return `<${(object['Fn::GetAtt'] as string[])[0]}>`;
  if (object.Ref) return `<${object.Ref as string}>`;
  if (object['Fn::Join']) return ((object['Fn::Join'] as [string, Json[]])[1]).map(resourceText).join('');
  return JSON.stringify(value);
}

/**
 * Every action a role may perform, by resource (as {@link resourceText}), from all the IAM policies
 * attached to it in the template.
 */
export function permissionsOf(template: Template, roleLogicalId: string): Record<string, string[]> {
  const permissions: Record<string, Set<string>> = {};
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { Roles: Json[]; PolicyDocument: { Statement: Json[] } } }[];
  for (const policy of policies) {
    if (!policy.Properties.Roles.some((role) => resourceText(role) === `<${roleLogicalId}>`)) continue;
    for (const statement of policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: Json | Json[] }[]) {
      const actions = [statement.Action].flat();
      for (const resource of [statement.Resource].flat()) {
        const key = resourceText(resource);
        permissions[key] ??= new Set();
        for (const action of actions) permissions[key].add(action);
      }
    }
  }
  return Object.fromEntries(Object.entries(permissions).map(([key, actions]) => [key, [...actions].sort()]));
}

/** The logical id of a function's execution role. */
export function roleOf(template: Template, functionLogicalId: string): string {
  const fn = template.toJSON().Resources[functionLogicalId] as { Properties: { Role: Json } };
  return resourceText(fn.Properties.Role).slice(1, -1);
}
