/**
 * Just enough of a Dockerfile parser for test/deploy: stages, their instructions (line
 * continuations joined, comments dropped), and the runtime stage's COPY, ENV, CMD, USER and
 * HEALTHCHECK, read from the file instead of repeated in the test.
 */

export interface Instruction {
  /** Upper case, e.g. `COPY`. */
  keyword: string;
  /** `--from=build` and the like, name to value. */
  flags: Record<string, string>;
  /** The rest of the line after the flags. */
  rest: string;
}

export interface Stage {
  name: string | null;
  image: string;
  instructions: Instruction[];
}

/** Exec form (a JSON array) as is; shell form as `/bin/sh -c <text>`, as Docker runs it. */
export function commandOf(rest: string): string[] {
  const text = rest.trim();
  if (text.startsWith('[')) {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed) || !parsed.every((part): part is string => typeof part === 'string')) {
      throw new Error(`not a JSON array of strings: ${text}`);
    }
    return parsed;
  }
  return ['/bin/sh', '-c', text];
}

function splitFlags(text: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = text.trim();
  for (let match = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest); match !== null; match = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)) {
    flags[match[1] ?? ''] = match[2] ?? '';
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    if (/^\s*#/.test(raw)) continue;
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const whole = (pending + line).trim();
    pending = '';
    if (whole !== '') logical.push(whole);
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const space = line.search(/\s/);
    const keyword = (space < 0 ? line : line.slice(0, space)).toUpperCase();
    const { flags, rest } = splitFlags(space < 0 ? '' : line.slice(space));
    if (keyword === 'FROM') {
      const [image = '', as, name] = rest.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' && name !== undefined ? name : null, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) {
      if (keyword === 'ARG') continue;
      throw new Error(`${keyword} before the first FROM`);
    }
    stage.instructions.push({ keyword, flags, rest });
  }
  return stages;
}

/** `KEY=value KEY2="v w"`, or the legacy `KEY value` form. */
export function parseEnv(rest: string): Record<string, string> {
  const env: Record<string, string> = {};
  if (!/^[\w.-]+=/.test(rest)) {
    const [key = '', ...value] = rest.split(/\s+/);
    env[key] = value.join(' ');
    return env;
  }
  for (const match of rest.matchAll(/([\w.-]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    const value = match[2] ?? '';
    env[match[1] ?? ''] = /^["']/.test(value) ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
  }
  return env;
}

export interface RuntimeStage {
  stage: Stage;
  /** The last WORKDIR of the runtime stage. */
  workdir: string;
  /** `COPY --from=<stage>` sources, relative to that stage's WORKDIR (e.g. `dist`), with their destinations. */
  copies: Array<{ from: string; source: string; destination: string }>;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[] | null;
  user: string | null;
}

/** What the last stage (the one `docker build` tags) copies and runs. */
export function runtimeStage(stages: Stage[]): RuntimeStage {
  const stage = stages.at(-1);
  if (stage === undefined) throw new Error('no FROM in the Dockerfile');
  const last = (keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).at(-1);
  const workdirOf = (s: Stage | undefined) => s?.instructions.filter((i) => i.keyword === 'WORKDIR').at(-1)?.rest ?? '/';
  const copies: RuntimeStage['copies'] = [];
  for (const copy of stage.instructions.filter((i) => i.keyword === 'COPY' && i.flags.from !== undefined)) {
    const from = copy.flags.from ?? '';
    const parts = copy.rest.startsWith('[') ? commandOf(copy.rest) : copy.rest.split(/\s+/);
    const destination = parts.pop() ?? '';
    const root = `${workdirOf(stages.find((s) => s.name === from)).replace(/\/+$/, '')}/`;
    for (const source of parts) {
      copies.push({ from, destination, source: (source.startsWith(root) ? source.slice(root.length) : source.replace(/^\.?\/?/, '')).replace(/\/+$/, '') });
    }
  }
  const env = Object.assign({}, ...stage.instructions.filter((i) => i.keyword === 'ENV').map((i) => parseEnv(i.rest))) as Record<string, string>;
  const cmd = last('CMD');
  if (cmd === undefined) throw new Error('the runtime stage has no CMD');
  const health = last('HEALTHCHECK');
  let healthcheck: string[] | null = null;
  if (health !== undefined && !/^NONE$/i.test(health.rest)) {
    const command = /^CMD\s+([\s\S]*)$/i.exec(health.rest)?.[1];
    if (command === undefined) throw new Error(`HEALTHCHECK without CMD: ${health.rest}`);
    healthcheck = commandOf(command);
  }
  return { stage, workdir: workdirOf(stage), copies, env, cmd: commandOf(cmd.rest), healthcheck, user: last('USER')?.rest ?? null };
}
