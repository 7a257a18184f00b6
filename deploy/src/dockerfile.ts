import { readFileSync } from 'node:fs';

/** One build stage of the Dockerfile, with what a container of it runs and checks. */
export interface DockerStage {
  readonly name: string;
  readonly from: string;
  /** ENV set in this stage itself. */
  readonly env: Readonly<Record<string, string>>;
  readonly entrypoint: readonly string[];
  readonly expose: readonly number[];
  /** The exec-form HEALTHCHECK command; `null` for HEALTHCHECK NONE, undefined when unset. */
  readonly healthcheck: readonly string[] | null | undefined;
}

/** Joins `\` continuations and drops comments, giving one instruction per entry. */
function instructions(text: string): string[] {
  const joined = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

function execForm(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) throw new Error(`not an exec-form array: ${text}`);
  return parsed;
}

/**
 * Reads the stages of a Dockerfile: enough of the syntax for ours (FROM ... AS, ENV k=v,
 * ENTRYPOINT/HEALTHCHECK in exec form, EXPOSE). Anything it relies on but cannot read throws.
 */
export function readDockerfile(file: string): DockerStage[] {
  const stages: Array<{ name: string; from: string; env: Record<string, string>; entrypoint: string[]; expose: number[]; healthcheck: string[] | null | undefined }> = [];
  for (const line of instructions(readFileSync(file, 'utf8'))) {
    const [word = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    const stage = stages[stages.length - 1];
    switch (word.toUpperCase()) {
      case 'FROM': {
        const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
        if (!m?.[1]) throw new Error(`unreadable FROM: ${line}`);
        stages.push({ name: m[2] ?? m[1], from: m[1], env: {}, entrypoint: [], expose: [], healthcheck: undefined });
        break;
      }
      case 'ENV':
        for (const m of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) if (stage && m[1] && m[2]) stage.env[m[1]] = m[2].replace(/^"|"$/g, '');
        break;
      case 'ENTRYPOINT':
        if (stage) stage.entrypoint = execForm(args);
        break;
      case 'EXPOSE':
        if (stage) stage.expose.push(...args.split(/\s+/).map((p) => Number(p.split('/')[0])));
        break;
      case 'HEALTHCHECK':
        if (stage) stage.healthcheck = /^NONE$/i.test(args) ? null : execForm(args.slice(args.indexOf('CMD') + 3).trim());
        break;
      default:
        break;
    }
  }
  return stages;
}

/** A stage with everything it inherits from the stages it is built FROM (env, entrypoint). */
export function resolvedStage(stages: readonly DockerStage[], name: string): DockerStage | undefined {
  const stage = stages.find((s) => s.name === name);
  if (!stage) return undefined;
  const parent = stages.find((s) => s.name === stage.from);
  const base = parent ? resolvedStage(stages, parent.name) : undefined;
  return {
    ...stage,
    env: { ...base?.env, ...stage.env },
    entrypoint: stage.entrypoint.length > 0 ? stage.entrypoint : (base?.entrypoint ?? []),
    expose: [...(base?.expose ?? []), ...stage.expose],
    healthcheck: stage.healthcheck !== undefined ? stage.healthcheck : base?.healthcheck,
  };
}
