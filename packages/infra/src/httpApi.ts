import { Duration, Stack, type CfnElement, type RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { apiRoutes, corsAllowedHeaders } from '@store-front/handlers';
import { Construct } from 'constructs';
import { acknowledge, findingEnvironment, type NagAcknowledgement } from './nag.js';

/** Response headers a browser may read cross-origin (the contract's CORS rule). */
export const corsExposedHeaders = ['retry-after', 'idempotent-replayed', 'x-request-id'] as const;

/** One path of the API and whether it is an admin path (SigV4-signed requests only). */
export interface ApiPath {
  /** Path template, e.g. `/catalog/{product}`. */
  readonly path: string;
  /** Whether its routes need SigV4-signed requests. */
  readonly admin: boolean;
}

/**
 * The API's paths, from the handler's own route table. A path is wholly public or wholly admin, so one
 * `ANY` route per path can carry its authorization and leave 405, `HEAD` and the like to the handler.
 */
export function apiPaths(): ApiPath[] {
  const paths = new Map<string, boolean>();
  for (const route of apiRoutes) {
    const known = paths.get(route.path);
    if (known !== undefined && known !== route.admin) {
      throw new Error(`Path ${route.path} mixes public and admin routes; one ANY route per path cannot authorize both`);
    }
    paths.set(route.path, route.admin);
  }
  return [...paths].map(([path, admin]) => ({ path, admin }));
}

/** Options of {@link StorefrontHttpApi}. */
export interface StorefrontHttpApiProps {
  readonly handler: lambda.IFunction;
  /** Origins allowed by CORS; `['*']` when no page origin is configured. */
  readonly allowOrigins: readonly string[];
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The HTTP API: one `ANY` route per path of the route table (an IAM authorizer on admin paths, none
 * on public ones) plus `$default`, all to the API function; CORS per the contract; throttling; JSON
 * access logs.
 */
export class StorefrontHttpApi extends Construct {
  /** The HTTP API. */
  readonly api: apigwv2.HttpApi;
  /** Its default stage, with throttling and access logs. */
  readonly stage: apigwv2.HttpStage;
  /** The access log group (one JSON line per request). */
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: StorefrontHttpApiProps) {
    super(scope, id);
    const integration = new HttpLambdaIntegration('Handler', props.handler);
    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: 'Store Front HTTP API v1',
      createDefaultStage: false,
      // Unknown paths reach the handler too, so every answer but the gateway's own 403/429 is the contract's.
      defaultIntegration: integration,
      corsPreflight: {
        allowOrigins: [...props.allowOrigins],
        allowMethods: [...new Set(apiRoutes.map((route) => route.method)), 'OPTIONS'].map((method) => apigwv2.CorsHttpMethod[method as 'GET']),
        allowHeaders: [...corsAllowedHeaders],
        exposeHeaders: [...corsExposedHeaders],
        maxAge: Duration.minutes(10),
      },
    });
    const iam = new HttpIamAuthorizer();
    for (const { path, admin } of apiPaths()) {
      this.api.addRoutes({
        path,
        methods: [apigwv2.HttpMethod.ANY],
        integration,
        authorizer: admin ? iam : new apigwv2.HttpNoneAuthorizer(),
      });
    }
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    this.stage = this.api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: apigateway.AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });
    acknowledge(this.api, [
      {
        id: 'AwsSolutions-APIG4',
        reason: 'The storefront routes (GET /catalog…, POST /order, GET /openapi.json) and $default are public by contract; every admin path has the IAM authorizer (tested), and the handler refuses admin routes without an IAM identity.',
      },
    ]);
  }

  /** Counts `POST /order` answers with 201 from the access logs into `metric` (one per order placed). */
  countOrders(metric: cloudwatch.Metric): logs.MetricFilter {
    return new logs.MetricFilter(this, 'OrdersPlaced', {
      logGroup: this.accessLogs,
      metricNamespace: metric.namespace,
      metricName: metric.metricName,
      filterPattern: logs.FilterPattern.all(
        logs.FilterPattern.stringValue('$.routeKey', '=', 'ANY /order'),
        logs.FilterPattern.stringValue('$.status', '=', '201'),
      ),
      metricValue: '1',
    });
  }

  /** cdk-nag findings of `execute-api:Invoke` on the admin paths: a path parameter is a `*` by nature. */
  adminRouteAcknowledgements(): NagAcknowledgement[] {
    const apiId = Stack.of(this).getLogicalId(this.api.node.defaultChild as CfnElement);
    const { region, account } = findingEnvironment(this);
    return apiPaths()
      .filter((path) => path.admin)
      .map(({ path }) => ({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:${region}:${account}:<${apiId}>/*/*${path.replace(/\{[^}]+\}/g, '*')}]`,
        reason: 'One admin path of the API, any stage and method: * stands for the path parameters and the methods of the path\'s ANY route.',
      }));
  }

  /** The execute-api ARNs of the admin paths (any method, any stage), for `execute-api:Invoke`. */
  adminRouteArns(): string[] {
    return apiPaths()
      .filter((path) => path.admin)
      .map(({ path }) => this.api.arnForExecuteApi('*', path.replace(/\{[^}]+\}/g, '*'), '*'));
  }
}

/** One JSON object per request: what the dashboard's order count and an incident need. */
const accessLogFields = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  userArn: '$context.identity.userArn',
  requestTime: '$context.requestTime',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  error: '$context.error.message',
  authorizerError: '$context.authorizer.error',
};
