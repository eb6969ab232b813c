/**
 * Writes non-negative integer cents as a decimal amount (`2530n` → `25.3`, `2500n` → `25`), exactly
 * whatever the size: sums and stock values can pass 2^53 cents, where a `number` would round.
 */
export function formatCents(cents: bigint): string {
  const digits = cents.toString().padStart(3, '0');
  const fraction = digits.slice(-2).replace(/0+$/, '');
  return `${digits.slice(0, -2)}${fraction ? `.${fraction}` : ''}`;
}
