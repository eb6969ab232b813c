/*
 * What every Lambda handler of this package starts from: its store and its logger. One store per
 * process, made from the environment on first use (`storeFromEnvironment`), so a configuration error
 * surfaces in an invocation's logs rather than at import; one Powertools logger per handler, given
 * each invocation's Lambda context.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Storefront, StorefrontApi } from '@store-front/sdk';
import type { Context } from 'aws-lambda';
import { storeFromEnvironment } from './storeFromEnvironment.js';

/** Options every handler factory accepts. */
export interface HandlerOptions<S extends StorefrontApi = Storefront> {
  /**
   * The store to work on. Default: the store the environment describes (`storeFromEnvironment`),
   * created on the first invocation and shared by every handler of the process.
   */
  readonly store?: S;
  /** Where to log. Default: a Powertools logger for the handler's service. */
  readonly logger?: Logger;
}

/** A handler's store and logger. */
export interface HandlerSetup<S extends StorefrontApi> {
  readonly logger: Logger;
  /** The given store, else the process's store from the environment (created now if need be). */
  store(): Promise<S | Storefront>;
  /** Starts an invocation: its Lambda context (request id, function, cold start) goes on every log line. */
  begin(context: Context | undefined): void;
}

/**
 * The store and logger of one handler, from its options.
 *
 * @example
 * ```ts
 * const { logger, store, begin } = handlerSetup(options, 'report-worker');
 * return async (event, context) => { begin(context); await (await store()).reports.get(id); };
 * ```
 */
export function handlerSetup<S extends StorefrontApi = Storefront>(options: HandlerOptions<S>, serviceName: string): HandlerSetup<S> {
  const logger = options.logger ?? new Logger({ serviceName });
  return {
    logger,
    store: async () => options.store ?? storeFromEnvironment(),
    begin: (context) => {
      if (context) logger.addContext(context);
    },
  };
}
