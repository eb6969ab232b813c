import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { dailyReportsSchedule, isTimeZone } from '@store-front/sdk/resources';
import { cronExpressionSchema } from '@store-front/sdk/schemas';

/** The storefront page's files, deployed behind CloudFront. */
export interface StorefrontWebSiteProps {
  /** A directory holding the built page (`index.html`, `assets/`), e.g. `examples/storefront-web/dist`. */
  readonly assetsDirectory: string;
}

/** Options of the {@link Storefront} construct; every one has a default, so `new Storefront(this, 'Store')` is a working store. */
export interface StorefrontProps {
  /**
   * Names the store's own names (the schedule, the dashboard, the metrics namespace), so two stores fit
   * in one account. Lower-case letters, digits and `-`, at most 40 characters.
   * @default 'storefront'
   */
  readonly prefix?: string;
  /** E-mail addresses subscribed to low-stock alerts. @default - none */
  readonly alertEmails?: readonly string[];
  /** E-mail addresses subscribed to the daily report digest. @default - none */
  readonly reportEmails?: readonly string[];
  /** E-mail addresses subscribed to the alarms. @default - the `alertEmails` */
  readonly operationsEmails?: readonly string[];
  /**
   * When the daily reports run: an EventBridge Scheduler cron expression in `timeZone`.
   * @default 'cron(15 0 * * ? *)' (00:15, the SDK's `dailyReportsSchedule.expression`)
   */
  readonly reportSchedule?: string;
  /** The store's IANA time zone (what "today" means for reports and the schedule). @default 'UTC' */
  readonly timeZone?: string;
  /** Days a report file is kept before S3 deletes it. @default 90 */
  readonly reportRetentionDays?: number;
  /**
   * What happens to the tables, the reports bucket, the cursor key and the log groups when the stack
   * is deleted. @default RemovalPolicy.RETAIN (the data outlives the stack)
   */
  readonly removalPolicy?: RemovalPolicy;
  /** How long the functions' and the API's logs are kept. @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** The API's steady and burst request rates (per second, whole stage). @default { rateLimit: 50, burstLimit: 100 } */
  readonly apiThrottle?: {
    /** Steady requests per second. */
    readonly rateLimit: number;
    /** Burst requests per second. */
    readonly burstLimit: number;
  };
  /** Deploys the storefront page behind CloudFront, with the API URL in its `/config.json`. @default - no page */
  readonly webSite?: StorefrontWebSiteProps;
  /**
   * Origins the API's CORS allows. @default - the page's CloudFront origin when `webSite` is given, else `['*']`
   */
  readonly allowedOrigins?: readonly string[];
}

/** {@link StorefrontProps} with every default applied and every value checked. */
export type ResolvedStorefrontProps = Required<Omit<StorefrontProps, 'webSite' | 'allowedOrigins'>> &
  Pick<StorefrontProps, 'webSite' | 'allowedOrigins'> & { readonly scheduleName: string };

/** Applies the defaults and checks the values with the SDK's own rules (a bad prop fails the synth, not the deploy). */
export function resolveStorefrontProps(props: StorefrontProps): ResolvedStorefrontProps {
  const prefix = props.prefix ?? 'storefront';
  if (!/^[a-z0-9-]{1,40}$/.test(prefix)) throw new Error(`Storefront prefix ${JSON.stringify(prefix)}: 1–40 characters of a-z, 0-9, -`);
  const timeZone = props.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) throw new Error(`Storefront timeZone ${JSON.stringify(timeZone)} is not an IANA time zone`);
  const reportSchedule = props.reportSchedule ?? dailyReportsSchedule.expression;
  const cron = cronExpressionSchema.safeParse(reportSchedule);
  if (!cron.success) throw new Error(`Storefront reportSchedule ${JSON.stringify(reportSchedule)}: ${cron.error.issues[0]?.message}`);
  const reportRetentionDays = props.reportRetentionDays ?? 90;
  if (!Number.isInteger(reportRetentionDays) || reportRetentionDays < 1) throw new Error('Storefront reportRetentionDays: a whole number of days ≥ 1');
  const alertEmails = props.alertEmails ?? [];
  return {
    prefix,
    alertEmails,
    reportEmails: props.reportEmails ?? [],
    operationsEmails: props.operationsEmails ?? alertEmails,
    reportSchedule,
    timeZone,
    reportRetentionDays,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    logRetention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    apiThrottle: props.apiThrottle ?? { rateLimit: 50, burstLimit: 100 },
    webSite: props.webSite,
    allowedOrigins: props.allowedOrigins,
    scheduleName: `${prefix}-daily-reports`,
  };
}
