/**
 * `Name, HTTP status` of an AWS SDK error (`InternalError, HTTP 500`), undefined for anything else:
 * enough for a report's failure reason, and nothing from inside the request.
 */
export function awsErrorName(error: unknown): string | undefined {
  const aws = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } } | null;
  if (!aws || typeof aws.name !== 'string' || typeof aws.$metadata !== 'object' || aws.$metadata === null) return undefined;
  const status = typeof aws.$metadata.httpStatusCode === 'number' ? `, HTTP ${aws.$metadata.httpStatusCode}` : '';
  return `${aws.name.slice(0, 100)}${status}`;
}
