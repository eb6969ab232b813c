/*
 * The subset of EventBridge event patterns that EventBridge Pipes filters use on stream records:
 * exact values, `prefix`, `suffix`, `equals-ignore-case`, `anything-but` (value, list or prefix),
 * `exists` and `numeric`. Like EventBridge, a leaf matches when any rule matches any of the field's
 * values (a field holding an array is each of its elements), and numeric rules match JSON numbers
 * only (DynamoDB's `{"N":"5"}` is a string).
 */

/** A compiled pattern: does this event match? */
export type EventPredicate = (event: unknown) => boolean;

type Comparison = '<' | '<=' | '=' | '>=' | '>';
const comparisons: Record<Comparison, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
};

type ValueRule = (value: unknown) => boolean;
/** A leaf: rules for present values, and whether an absent field matches (`exists: false`). */
interface Leaf {
  readonly rules: readonly ValueRule[];
  readonly matchesAbsent: boolean;
  readonly requiresPresent: boolean;
}

/**
 * Compiles an EventBridge event pattern; throws on a rule outside the supported subset, so a pipe
 * with an unsupported filter fails at start rather than passing or dropping records silently.
 *
 * @example
 * ```ts
 * const matches = compileEventPattern({ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { quantity: { N: [{ exists: true }] } } } });
 * matches({ eventName: 'MODIFY', dynamodb: { NewImage: { quantity: { N: '3' } } } }); // true
 * ```
 */
export function compileEventPattern(pattern: Readonly<Record<string, unknown>>, path = ''): EventPredicate {
  if (!isPlainObject(pattern)) throw new TypeError(`Event pattern${path ? ` at ${path}` : ''} must be an object`);
  const fields = Object.entries(pattern).map(([key, spec]) => {
    const where = path ? `${path}.${key}` : key;
    if (Array.isArray(spec)) {
      const leaf = compileLeaf(spec, where);
      return (event: unknown) => matchLeaf(leaf, field(event, key));
    }
    if (isPlainObject(spec)) {
      const nested = compileEventPattern(spec, where);
      return (event: unknown) => nested(field(event, key));
    }
    throw new TypeError(`Event pattern at ${where} must be an array of rules or a nested object`);
  });
  return (event) => fields.every((matches) => matches(event));
}

function field(event: unknown, key: string): unknown {
  return isPlainObject(event) && Object.hasOwn(event, key) ? event[key] : undefined;
}

function matchLeaf(leaf: Leaf, value: unknown): boolean {
  if (value === undefined) return leaf.matchesAbsent;
  if (leaf.requiresPresent) return true; // rules of a leaf are alternatives
  const values = Array.isArray(value) ? value : [value];
  return values.some((item) => leaf.rules.some((rule) => rule(item)));
}

function compileLeaf(specs: readonly unknown[], where: string): Leaf {
  const rules: ValueRule[] = [];
  let matchesAbsent = false;
  let requiresPresent = false;
  for (const spec of specs) {
    if (spec === null || typeof spec === 'string' || typeof spec === 'number' || typeof spec === 'boolean') {
      rules.push((value) => value === spec);
      continue;
    }
    if (!isPlainObject(spec) || Object.keys(spec).length !== 1) throw unsupported(where, spec);
    const [[operator, operand]] = Object.entries(spec) as [[string, unknown]];
    switch (operator) {
      case 'exists':
        if (typeof operand !== 'boolean') throw unsupported(where, spec);
        if (operand) requiresPresent = true;
        else matchesAbsent = true;
        break;
      case 'prefix':
      case 'suffix':
      case 'equals-ignore-case':
        rules.push(stringRule(operator, operand, where));
        break;
      case 'anything-but':
        rules.push(anythingBut(operand, where));
        break;
      case 'numeric':
        rules.push(numericRule(operand, where));
        break;
      default:
        throw unsupported(where, spec);
    }
  }
  return { rules, matchesAbsent, requiresPresent };
}

function stringRule(operator: string, operand: unknown, where: string): ValueRule {
  if (typeof operand !== 'string') throw unsupported(where, { [operator]: operand });
  if (operator === 'prefix') return (value) => typeof value === 'string' && value.startsWith(operand);
  if (operator === 'suffix') return (value) => typeof value === 'string' && value.endsWith(operand);
  const lower = operand.toLowerCase();
  return (value) => typeof value === 'string' && value.toLowerCase() === lower;
}

function anythingBut(operand: unknown, where: string): ValueRule {
  if (isPlainObject(operand)) {
    const [[operator, inner]] = Object.entries(operand) as [[string, unknown]];
    if (Object.keys(operand).length !== 1 || (operator !== 'prefix' && operator !== 'suffix')) {
      throw unsupported(where, { 'anything-but': operand });
    }
    const excluded = stringRule(operator, inner, where);
    return (value) => typeof value === 'string' && !excluded(value);
  }
  const excluded = Array.isArray(operand) ? operand : [operand];
  if (!excluded.every((item) => typeof item === 'string' || typeof item === 'number')) {
    throw unsupported(where, { 'anything-but': operand });
  }
  return (value) => (typeof value === 'string' || typeof value === 'number') && !excluded.includes(value);
}

function numericRule(operand: unknown, where: string): ValueRule {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0) throw unsupported(where, { numeric: operand });
  const tests: Array<(value: number) => boolean> = [];
  for (let index = 0; index < operand.length; index += 2) {
    const [operator, bound] = [operand[index], operand[index + 1]];
    if (!(operator in comparisons) || typeof bound !== 'number') throw unsupported(where, { numeric: operand });
    const compare = comparisons[operator as Comparison];
    tests.push((value) => compare(value, bound));
  }
  return (value) => typeof value === 'number' && tests.every((test) => test(value));
}

function unsupported(where: string, spec: unknown): Error {
  return new TypeError(`Unsupported event pattern rule at ${where}: ${JSON.stringify(spec)}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
