/**
 * `@store-front/infra`: the store in AWS with the CDK — the reusable {@link Storefront} construct and
 * the deployable {@link StorefrontStack}.
 *
 * @example
 * ```ts
 * import { App } from 'aws-cdk-lib';
 * import { StorefrontStack } from '@store-front/infra';
 *
 * new StorefrontStack(new App(), 'Storefront', { storefront: { alertEmails: ['ops@example.com'] } });
 * ```
 *
 * @module @store-front/infra
 */
export { Storefront } from './Storefront.js';
export type { StorefrontProps, StorefrontWebSiteProps } from './StorefrontProps.js';
export { StorefrontStack, type StorefrontStackProps } from './StorefrontStack.js';
export { StorefrontFunctions } from './StorefrontFunctions.js';
export { StorefrontHttpApi, apiPaths, corsExposedHeaders, type ApiPath } from './httpApi.js';
export { StorefrontSite, siteContentSecurityPolicy } from './StorefrontSite.js';
export { StorefrontImages, type StorefrontImagesProps } from './StorefrontImages.js';
export { StreamToQueuePipe } from './pipes.js';
export { DailyReportsSchedule } from './schedule.js';
export { StorefrontMonitoring } from './monitoring.js';
export { handlerEntries, lambdaBundle, nativeModules, repositoryRoot, type HandlerName } from './functions.js';
export { settingsEnvironment } from './settings.js';
