import { randomUUID } from 'node:crypto';

/**
 * Walks the OpenAPI document the server publishes and builds one request per (operation, input field,
 * unstorable value): every string, date and number in params, querystring and JSON body, nested objects,
 * arrays and records (keys and values) included. The other required fields get valid values derived
 * from the schema, so the one bad value is the only reason to refuse the request.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface Operation {
  method: string;
  /** The path template, e.g. /api/clients/{id}/tasks. */
  path: string;
  params: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  body?: JsonSchema;
}

export type Location = 'path' | 'query' | 'body';

export interface Probe {
  operation: Operation;
  location: Location;
  /** Dotted path of the field at fault, as the API's `field` names it. */
  field: string;
  /** For a record key: the record's own path (the API may name the record or the key in it). */
  recordKey?: boolean;
  /** A lone surrogate in a path: invalid UTF-8 in the URL, refused before any route is chosen. */
  malformedUrl?: boolean;
  label: string;
  value: unknown;
  url: string;
  body?: unknown;
}

/** Values PostgreSQL cannot store, or that a contract must refuse as out of range. */
const STRING_ATTACKS = [
  { label: 'NUL', value: 'a\u0000b' },
  { label: 'lone surrogate', value: 'a\uD800b' },
];
const DATE_ATTACKS = [
  { label: 'year 10000', value: '10000-01-01' },
  { label: 'year 1', value: '0001-01-01' },
  { label: 'offset +16:00', value: '2200-06-01T00:00:00+16:00' },
];

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const body = op.requestBody?.content['application/json']?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        ...(body ? { body } : {}),
      });
    }
  }
  return out;
}

/** The schema's non-null variant (nullable fields are `anyOf: [T, null]`); unions take their first. */
function resolve(schema: JsonSchema): JsonSchema {
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (!variants) return schema;
  const real = variants.find((v) => v.type !== 'null') ?? variants[0]!;
  return resolve({ ...real, ...(schema.default !== undefined ? { default: schema.default } : {}) });
}
const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

type Seg = string | number;
interface Leaf {
  path: Seg[];
  schema: JsonSchema;
  /** A record's key: the value goes in as a key of the object at `path`. */
  key?: boolean;
}

function leaves(raw: JsonSchema, path: Seg[]): Leaf[] {
  const schema = resolve(raw);
  const type = typeOf(schema);
  if (type === 'object' || schema.properties) {
    const out: Leaf[] = [];
    for (const [name, prop] of Object.entries(schema.properties ?? {}))
      out.push(...leaves(prop, [...path, name]));
    if (typeof schema.additionalProperties === 'object') {
      out.push({ path, schema: schema.propertyNames ?? { type: 'string' }, key: true });
      // Values go in under a key the record takes (a record keyed by an enum refuses any other).
      const keys = resolve(schema.propertyNames ?? {}).enum;
      const key = typeof keys?.[0] === 'string' ? keys[0] : 'k';
      out.push(...leaves(schema.additionalProperties, [...path, key]));
    }
    return out;
  }
  if (type === 'array') return schema.items ? leaves(schema.items, [...path, 0]) : [];
  if (type === 'boolean' || type === 'null' || schema.const !== undefined) return [];
  return [{ path, schema }];
}

function attacksFor(raw: JsonSchema): { label: string; value: unknown }[] {
  const schema = resolve(raw);
  const type = typeOf(schema);
  // `{}` is what an untyped (coerced) field looks like in the document: try everything on it.
  const unknown = type === undefined && !schema.enum;
  const out: { label: string; value: unknown }[] = [];
  if (type === 'string' || unknown) out.push(...STRING_ATTACKS);
  if (schema.format === 'date-time' || schema.format === 'date' || unknown) out.push(...DATE_ATTACKS);
  if (type === 'number' || type === 'integer' || unknown) {
    out.push({ label: '1e20', value: 1e20 });
    // 2**31 is beyond an int4 column; a field that declares a larger range (money in minor units, a
    // bigint column) takes it, and 1e20 probes its end instead.
    const wide = schema.maximum !== undefined && schema.maximum >= 2 ** 31;
    if (type === 'integer' || unknown)
      out.push(...(wide ? [] : [{ label: '2**31', value: 2 ** 31 }]), { label: '1.5', value: 1.5 });
    const floor = schema.minimum ?? schema.exclusiveMinimum;
    if (floor !== undefined && floor >= 0) out.push({ label: '-1', value: -1 });
  }
  return out;
}

/** Valid values for fields the schema cannot describe well enough (patterns, ids of real records). */
export interface Samples {
  /** Field name → an existing record's id (teamId, managerId…); other uuids are random. */
  ids: Record<string, string>;
}

let counter = 0;
const PATTERN_SAMPLES: [RegExp, string][] = [
  [/\[A-Z\]\{2\}/, 'ID'],
  [/\[a-z\]\{2\}/, 'en'],
  [/\[0-9a-f\]\{16\}/, '0123456789abcdef'],
  [/\[a-z\]\[a-z0-9_\]/, 'walker_key'],
  [/\[a-z0-9\._@\+-\]/, 'walker.login'],
];
const NAME_SAMPLES: Record<string, () => string> = {
  phone: () => `+6281${String(100_000_000 + (counter += 1)).slice(-9)}`,
  // Telephony: the number of a callback request, the caller of a simulated inbound call.
  number: () => `+6281${String(100_000_000 + (counter += 1)).slice(-9)}`,
  from: () => `+6281${String(100_000_000 + (counter += 1)).slice(-9)}`,
  password: () => 'walker-password-1',
  newPassword: () => 'walker-password-2',
  currentPassword: () => 'walker-password-0',
  code: () => '123456',
  csv: () => 'name,email\nWalker,walker@example.com\n',
};

export function sample(raw: JsonSchema, name: string, samples: Samples): unknown {
  const schema = resolve(raw);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const type = typeOf(schema);
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const key of schema.required ?? []) out[key] = sample(schema.properties![key]!, key, samples);
    return out;
  }
  if (type === 'array') {
    const n = schema.minItems ?? 0;
    return Array.from({ length: n }, () => sample(schema.items ?? {}, name, samples));
  }
  if (type === 'boolean') return false;
  if (type === 'integer' || type === 'number') {
    const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    return Math.min(low, schema.maximum ?? low);
  }
  if (schema.format === 'uuid') return samples.ids[name] ?? randomUUID();
  if (schema.format === 'email') return `walker.${(counter += 1)}@example.com`;
  if (schema.format === 'date-time' || type === undefined) return '2030-01-01T00:00:00.000Z';
  if (schema.format === 'date') return '2030-01-01';
  const named = NAME_SAMPLES[name];
  if (named) return named();
  const pattern = schema.pattern && PATTERN_SAMPLES.find(([re]) => re.test(schema.pattern!));
  if (pattern) return pattern[1];
  return 'x'.repeat(Math.min(Math.max(schema.minLength ?? 1, 1), schema.maxLength ?? 1000));
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A valid value of `raw` (over `base`) with `value` put at `path` (as a key when `key`). */
function build(
  raw: JsonSchema,
  path: Seg[],
  value: unknown,
  key: boolean,
  name: string,
  s: Samples,
  base?: unknown,
): unknown {
  const schema = resolve(raw);
  const sampled = sample(schema, name, s);
  const here = isObject(sampled) && isObject(base) ? { ...sampled, ...base } : (base ?? sampled);
  if (path.length === 0) {
    if (!key) return value === undefined ? here : value;
    const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
    return { ...(here as object), [value as string]: sample(values, 'k', s) };
  }
  const [seg, ...rest] = path as [Seg, ...Seg[]];
  if (typeof seg === 'number') return [build(schema.items ?? {}, rest, value, key, name, s)];
  const child =
    schema.properties?.[seg] ??
    (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {});
  const within = isObject(base) ? base[seg] : undefined;
  return { ...(here as object), [seg]: build(child, rest, value, key, seg, s, within) };
}

/** A query or path value as it travels in a URL; a lone surrogate as its (invalid) UTF-8 bytes. */
const encode = (v: unknown) =>
  String(v)
    .split('\uD800')
    .map((part) => encodeURIComponent(part))
    .join('%ED%A0%80');

function url(op: Operation, values: Record<string, unknown>, ids: Record<string, string>): string {
  let path = op.path;
  const query: string[] = [];
  for (const p of op.params) {
    const v = p.name in values ? values[p.name] : p.in === 'path' ? ids[p.name] : undefined;
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encode(v ?? randomUUID()));
    else if (v !== undefined) query.push(`${encodeURIComponent(p.name)}=${encode(v)}`);
  }
  return query.length ? `${path}?${query.join('&')}` : path;
}

/**
 * Every probe of one operation. `pathIds` gives real ids for its path parameters; `base` is merged into
 * the sampled body where the document cannot say what makes a body valid (e.g. "an email or a phone").
 */
export function probesOf(
  op: Operation,
  samples: Samples,
  pathIds: Record<string, string>,
  base?: Record<string, unknown>,
): Probe[] {
  const required: Record<string, unknown> = {};
  for (const p of op.params)
    if (p.in === 'query' && p.required) required[p.name] = sample(p.schema, p.name, samples);
  const body = () => (op.body ? build(op.body, [], undefined, false, 'body', samples, base) : undefined);
  const out: Probe[] = [];
  for (const p of op.params) {
    if (p.in !== 'path' && p.in !== 'query') continue;
    for (const attack of attacksFor(p.schema)) {
      const surrogate = attack.label === 'lone surrogate';
      // A query string cannot carry a lone surrogate either: its invalid UTF-8 escapes arrive as the
      // literal (storable) text "%ED%A0%80". In a path they make the URL malformed.
      if (surrogate && p.in === 'query') continue;
      out.push({
        operation: op,
        location: p.in,
        field: p.name,
        ...(surrogate ? { malformedUrl: true } : {}),
        ...attack,
        url: url(op, { ...required, [p.name]: attack.value }, pathIds),
        body: body(),
      });
    }
  }
  if (op.body) {
    for (const leaf of leaves(op.body, [])) {
      for (const attack of attacksFor(leaf.schema)) {
        if (leaf.key && typeof attack.value !== 'string') continue;
        out.push({
          operation: op,
          location: 'body',
          field: leaf.path.join('.'),
          ...(leaf.key ? { recordKey: true } : {}),
          ...attack,
          url: url(op, required, pathIds),
          body: build(op.body, leaf.path, attack.value, Boolean(leaf.key), 'body', samples, base),
        });
      }
    }
  }
  return out;
}
