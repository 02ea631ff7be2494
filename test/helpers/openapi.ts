/**
 * A test oracle nobody here wrote: GitHub's own OpenAPI description
 * (`@octokit/openapi`, `generated/api.github.com.deref.json`). Every request the app
 * sends can be checked against it: the route must exist, the query and path parameters
 * must be declared, and the JSON body must match the operation's schema, with no
 * property the schema does not declare.
 *
 * The 70 MB file is read once per process, on first use; validators are compiled per
 * operation on first use and cached.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** A JSON value as it comes out of the spec. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** One OpenAPI operation, as far as this oracle reads it. */
interface Operation {
  operationId: string;
  parameters: Parameter[];
  requestSchema: JsonObject | null;
  hasRequestBody: boolean;
  responses: JsonObject;
}

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: JsonObject;
  multiSegment: boolean;
}

/** A path template split into segments, with its operations by lower-case method. */
interface Route {
  template: string;
  segments: string[];
  operations: Map<string, Operation>;
}

/** The operation a concrete request resolves to. */
export interface GitHubOperationMatch {
  /** e.g. `issues/create` */
  operationId: string;
  /** e.g. `/repos/{owner}/{repo}/issues` */
  template: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Decoded path parameters, e.g. `{ owner: 'acme', repo: 'security-reports' }`. */
  pathParams: Record<string, string>;
  /** Query parameters of the concrete URL (last value wins). */
  query: Record<string, string>;
}

const SPEC_FILE = '@octokit/openapi/generated/api.github.com.deref.json';
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let routes: Route[] | null = null;
let bodyAjv: Ajv | null = null;
let paramAjv: Ajv | null = null;
const bodyValidators = new Map<Operation, ValidateFunction>();
const paramValidators = new Map<Operation, ValidateFunction>();
const responseValidators = new Map<string, ValidateFunction | null>();

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the spec once and keeps only what the oracle needs (the paths). */
function loadRoutes(): Route[] {
  if (routes !== null) return routes;
  const require = createRequire(import.meta.url);
  const spec: unknown = JSON.parse(readFileSync(require.resolve(SPEC_FILE), 'utf8'));
  if (!isObject(spec) || !isObject(spec.paths)) throw new Error(`${SPEC_FILE} has no paths`);
  routes = Object.entries(spec.paths).map(([template, item]) => toRoute(template, item));
  return routes;
}

function toRoute(template: string, item: Json): Route {
  const operations = new Map<string, Operation>();
  if (isObject(item)) {
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [method, op] of Object.entries(item)) {
      if (HTTP_METHODS.has(method) && isObject(op)) operations.set(method, toOperation(op, shared));
    }
  }
  return { template, segments: template.split('/').slice(1), operations };
}

function toOperation(op: JsonObject, shared: Json[]): Operation {
  const own = Array.isArray(op.parameters) ? op.parameters : [];
  const body = isObject(op.requestBody) ? op.requestBody : null;
  const content = body !== null && isObject(body.content) ? body.content : {};
  const json = content['application/json'];
  return {
    operationId: typeof op.operationId === 'string' ? op.operationId : '(unnamed)',
    parameters: [...shared, ...own].filter(isObject).map(toParameter),
    requestSchema: isObject(json) && isObject(json.schema) ? json.schema : null,
    hasRequestBody: body !== null,
    responses: isObject(op.responses) ? op.responses : {},
  };
}

function toParameter(p: JsonObject): Parameter {
  return {
    name: String(p.name),
    in: String(p.in),
    required: p.required === true,
    schema: isObject(p.schema) ? p.schema : {},
    multiSegment: p['x-multi-segment'] === true,
  };
}

/** Splits a concrete URL into decoded path segments and query, dropping a GHE `/api/v3` prefix. */
function splitUrl(url: string): { segments: string[]; query: Record<string, string> } {
  const parsed = new URL(url, 'http://github.invalid');
  const path = parsed.pathname.replace(/^\/api\/v3(?=\/|$)/, '') || '/';
  const segments = path.split('/').slice(1).map((segment) => safeDecode(segment));
  return { segments, query: Object.fromEntries(parsed.searchParams.entries()) };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

/**
 * Matches segments against a template. A literal must match exactly; a parameter takes
 * one segment, or the rest of the path when the spec marks it `x-multi-segment` and it is
 * the template's last segment. Returns the parameters and a score (literal positions,
 * earliest first) so literals win over parameters.
 */
function matchTemplate(route: Route, op: Operation, segments: string[]): { params: Record<string, string>; score: string } | null {
  const params: Record<string, string> = {};
  let score = '';
  for (const [index, part] of route.segments.entries()) {
    const actual = segments[index];
    if (actual === undefined) return null;
    if (!isParam(part)) {
      if (part !== actual) return null;
      score += '1';
      continue;
    }
    const name = part.slice(1, -1);
    const last = index === route.segments.length - 1;
    const multi = last && op.parameters.some((p) => p.in === 'path' && p.name === name && p.multiSegment);
    params[name] = multi ? segments.slice(index).join('/') : actual;
    score += '0';
    if (multi) return actual === '' ? null : { params, score };
  }
  return segments.length === route.segments.length ? { params, score } : null;
}

/** Finds the operation for a concrete request; literal segments beat parameters. */
export function findGitHubOperation(method: string, url: string): GitHubOperationMatch | null {
  const verb = method.toLowerCase();
  const { segments, query } = splitUrl(url);
  let best: (GitHubOperationMatch & { score: string }) | null = null;
  for (const route of loadRoutes()) {
    const op = route.operations.get(verb);
    if (op === undefined) continue;
    const match = matchTemplate(route, op, segments);
    if (match === null || (best !== null && best.score >= match.score)) continue;
    best = { operationId: op.operationId, template: route.template, method: verb.toUpperCase(), pathParams: match.params, query, score: match.score };
  }
  if (best === null) return null;
  const { score: _score, ...found } = best;
  return found;
}

function operationFor(match: GitHubOperationMatch): Operation {
  const route = loadRoutes().find((r) => r.template === match.template);
  const op = route?.operations.get(match.method.toLowerCase());
  if (op === undefined) throw new Error(`no operation for ${match.method} ${match.template}`);
  return op;
}

/**
 * Checks one request against GitHub's OpenAPI description. Returns [] when it is valid,
 * else one human-readable problem per line: unknown route, undeclared or ill-typed query
 * or path parameter, a body where none is accepted, a body that does not match the
 * schema, or a body property the schema does not declare (at any depth).
 */
export function validateGitHubRequest(method: string, url: string, body: unknown): string[] {
  const match = findGitHubOperation(method, url);
  if (match === null) return [`${method.toUpperCase()} ${stripQuery(url)}: no such operation in GitHub's REST API`];
  const op = operationFor(match);
  const where = `${match.method} ${match.template} (${match.operationId})`;
  return [...checkParameters(op, match), ...checkBody(op, body)].map((problem) => `${where}: ${problem}`);
}

/** Throws an Error listing every problem `validateGitHubRequest` finds. */
export function expectValidGitHubRequest(method: string, url: string, body: unknown): void {
  const problems = validateGitHubRequest(method, url, body);
  if (problems.length > 0) {
    throw new Error(`request does not match GitHub's OpenAPI description:\n  ${problems.join('\n  ')}`);
  }
}

function stripQuery(url: string): string {
  return url.split('?')[0] ?? url;
}

function checkParameters(op: Operation, match: GitHubOperationMatch): string[] {
  const declared = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  const unknown = Object.keys(match.query)
    .filter((name) => !declared.has(name))
    .map((name) => `query parameter "${name}" is not declared (declared: ${[...declared].join(', ') || 'none'})`);
  const missing = op.parameters
    .filter((p) => p.in === 'query' && p.required && !(p.name in match.query))
    .map((p) => `required query parameter "${p.name}" is missing`);
  const validate = paramValidator(op);
  const values = { ...pick(match.query, declared), ...match.pathParams };
  const typed = validate(values) ? [] : describeErrors(validate.errors, 'parameter');
  return [...unknown, ...missing, ...typed];
}

function pick(record: Record<string, string>, keys: Set<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => keys.has(key)));
}

function checkBody(op: Operation, body: unknown): string[] {
  const empty = body === undefined || body === null || body === '';
  if (!op.hasRequestBody) return empty ? [] : ['this operation takes no request body, but one was sent'];
  if (op.requestSchema === null) return ['this operation takes no JSON body'];
  if (empty) return []; // whether a body is required is the server's business (422), not a schema error
  const validate = bodyValidator(op);
  return validate(body) ? [] : describeErrors(validate.errors, 'body');
}

function describeErrors(errors: ErrorObject[] | null | undefined, root: string): string[] {
  const lines = (errors ?? []).map((error) => {
    const at = `${root}${error.instancePath.replaceAll('/', '.')}`;
    if (error.keyword === 'additionalProperties') {
      const extra = String((error.params as { additionalProperty?: unknown }).additionalProperty);
      return `${at}: property "${extra}" is not declared in the schema`;
    }
    if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      return `${at}: must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    return `${at}: ${error.message ?? error.keyword}`;
  });
  return [...new Set(lines)];
}

function ajvFor(kind: 'body' | 'param'): Ajv {
  const make = () => {
    // coerceTypes only for parameters: query and path values always arrive as strings.
    const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: kind === 'param', logger: false });
    addFormats(ajv);
    // Formats GitHub uses that ajv-formats does not know: annotations only.
    for (const name of ['timestamp', 'repo.nwo']) ajv.addFormat(name, true);
    return ajv;
  };
  if (kind === 'body') return (bodyAjv ??= make());
  return (paramAjv ??= make());
}

function compile(kind: 'body' | 'param', schema: Json): ValidateFunction {
  if (!isObject(schema)) throw new Error('a schema must be an object');
  return ajvFor(kind).compile(schema);
}

function bodyValidator(op: Operation): ValidateFunction {
  let validate = bodyValidators.get(op);
  if (validate === undefined) {
    validate = compile('body', toJsonSchema(op.requestSchema ?? {}, { closeObjects: true }));
    bodyValidators.set(op, validate);
  }
  return validate;
}

function paramValidator(op: Operation): ValidateFunction {
  let validate = paramValidators.get(op);
  if (validate === undefined) {
    const params = op.parameters.filter((p) => p.in === 'query' || p.in === 'path');
    const properties = Object.fromEntries(params.map((p) => [p.name, toJsonSchema(p.schema, { closeObjects: false })]));
    validate = compile('param', { type: 'object', properties });
    paramValidators.set(op, validate);
  }
  return validate;
}

/**
 * Turns an OpenAPI 3.0 schema into plain JSON Schema for ajv: `nullable: true` becomes a
 * `null` alternative, annotation-only keywords are dropped, and with `closeObjects` every
 * object that declares `properties` rejects undeclared ones (GitHub ignores unknown
 * properties silently, which hides typos and wrong field names).
 */
function toJsonSchema(schema: Json, options: { closeObjects: boolean }): Json {
  if (Array.isArray(schema)) return schema.map((item) => toJsonSchema(item, options));
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'example' || key === 'nullable' || key.startsWith('x-')) continue;
    out[key] = key === 'properties' && isObject(value) ? mapValues(value, (v) => toJsonSchema(v, options)) : toJsonSchema(value, options);
  }
  if (options.closeObjects) closeObject(out);
  return schema.nullable === true ? allowNull(out) : out;
}

function mapValues(record: JsonObject, fn: (value: Json) => Json): JsonObject {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}

/**
 * Declared properties only. Under `allOf` the branches' properties are declared on the
 * parent (each branch alone would reject the others'); explicit `additionalProperties`
 * in the spec is respected.
 */
function closeObject(node: JsonObject): void {
  if (Array.isArray(node.allOf)) {
    const merged: JsonObject = {};
    for (const branch of node.allOf) {
      if (!isObject(branch) || !isObject(branch.properties)) continue;
      for (const name of Object.keys(branch.properties)) merged[name] = {};
      delete branch.additionalProperties;
    }
    if (Object.keys(merged).length > 0) node.properties = { ...merged, ...(isObject(node.properties) ? node.properties : {}) };
  }
  if (isObject(node.properties) && !('additionalProperties' in node)) node.additionalProperties = false;
}

function allowNull(schema: JsonObject): JsonObject {
  if (typeof schema.type === 'string') {
    const out: JsonObject = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
    return out;
  }
  return { anyOf: [{ type: 'null' }, schema] };
}

/**
 * The spec's example response body for an operation and status: the named example, else
 * the first. undefined when there is none. A deep copy: callers may change it.
 */
export function gitHubResponseExample(operationId: string, status: number, exampleName?: string): unknown {
  const content = responseContent(operationId, status);
  if (content === null) return undefined;
  const examples = isObject(content.examples) ? content.examples : {};
  const chosen = exampleName === undefined ? Object.values(examples)[0] : examples[exampleName];
  const value = isObject(chosen) && 'value' in chosen ? chosen.value : content.example;
  return value === undefined ? undefined : structuredClone(value);
}

function responseContent(operationId: string, status: number): JsonObject | null {
  const op = loadRoutes()
    .flatMap((route) => [...route.operations.values()])
    .find((candidate) => candidate.operationId === operationId);
  if (op === undefined) throw new Error(`no operation ${operationId} in GitHub's OpenAPI description`);
  const response = op.responses[String(status)];
  if (!isObject(response) || !isObject(response.content)) return null;
  const json = response.content['application/json'];
  return isObject(json) ? json : null;
}

/**
 * Checks a response body against the spec's response schema for the operation and
 * status (extra properties allowed: GitHub adds fields over time). Used to keep fakes
 * honest. Returns [] when it matches or when the spec has no JSON schema for it.
 */
export function validateGitHubResponse(operationId: string, status: number, body: unknown): string[] {
  const key = `${operationId} ${status}`;
  let validate = responseValidators.get(key);
  if (validate === undefined) {
    const content = responseContent(operationId, status);
    validate = content !== null && isObject(content.schema) ? compile('body', toJsonSchema(content.schema, { closeObjects: false })) : null;
    responseValidators.set(key, validate);
  }
  if (validate === null || validate(body)) return [];
  return describeErrors(validate.errors, `${key} response`);
}
