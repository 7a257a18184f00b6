/** A payload is valid for a subject when this says so; hostile payloads must never be. */
export type ValidityCheck = (value: unknown) => boolean;

/** How hostile payloads for one subject are built. */
export interface HostileShape {
  /** A well-formed message of the subject, to be broken one way or another. */
  base: Record<string, unknown>;
  /** True for a payload the subject's consumer would accept; such payloads are never sent. */
  isValid: ValidityCheck;
  /** The consumer reads an empty body as a request with defaults (so it is valid, not hostile). */
  emptyIsValid?: boolean;
}

/** Kinds of damage, in the order they cycle. */
export const DAMAGES = ['random bytes', 'not JSON', 'wrong type', 'not an object', 'oversized', 'bad deviceId', 'unknown kind', 'empty'] as const;
export type Damage = (typeof DAMAGES)[number];

/** Device ids that must never be a subject token: dots and NATS wildcards. */
const BAD_IDS = ['cam.1', '*', '>', 'a.>', 'camera-1.*', '', ' '.repeat(3), 'x'.repeat(65)];
const WRONG_TYPES: unknown[] = [42, -1, 'text', true, null, [], {}, 1e308, ['a'], { nested: { deeper: 1 } }];
/** Within NATS' 1 MB max_payload but far above any schema's limits. */
const OVERSIZE_BYTES = 256 * 1024;
/** One payload in this many of the `oversized` kind is actually large, to keep the flood's volume sane. */
const OVERSIZE_EVERY = 10;

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function randomBytes(rand: () => number, max: number): Uint8Array {
  const bytes = new Uint8Array(1 + Math.floor(rand() * max));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
  return bytes;
}

function damaged(rand: () => number, shape: HostileShape, damage: Damage, index: number): Uint8Array | unknown {
  const keys = Object.keys(shape.base);
  switch (damage) {
    case 'random bytes':
      return randomBytes(rand, 512);
    case 'not JSON':
      return new TextEncoder().encode(pick(rand, ['{', '{"deviceId":', 'undefined', "{'a':1}", 'NaN', '\u0000\u0001', '[1,2', 'status']));
    case 'wrong type':
      return { ...shape.base, [pick(rand, keys)]: pick(rand, WRONG_TYPES) };
    case 'not an object':
      return pick(rand, [null, 0, 'camera-1', [shape.base], true, []]);
    case 'oversized': {
      const size = index % OVERSIZE_EVERY === 0 ? OVERSIZE_BYTES : 4096;
      return { ...shape.base, [pick(rand, keys)]: 'x'.repeat(size), padding: Array.from({ length: 64 }, (_, i) => i) };
    }
    case 'bad deviceId':
      return { ...shape.base, deviceId: pick(rand, BAD_IDS) };
    case 'unknown kind':
      return 'kind' in shape.base ? { ...shape.base, kind: pick(rand, ['toaster', 'CAMERA', '', 'camera ', '*']) } : { ...shape.base, [pick(rand, keys)]: undefined, requestId: 7 };
    case 'empty':
      return shape.emptyIsValid ? randomBytes(rand, 64) : new Uint8Array(0);
  }
}

/**
 * `count` hostile payloads for one subject, cycling through every {@link Damage}: random bytes,
 * wrong types, oversized fields, device ids with dots, `*` and `>`, unknown kinds... A damaged
 * object that would still pass `shape.isValid` is replaced by random bytes, so none is valid.
 */
export function hostilePayloads(shape: HostileShape, count: number, seed: number): Uint8Array[] {
  const rand = prng(seed);
  const encoder = new TextEncoder();
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const damage = DAMAGES[i % DAMAGES.length] ?? 'empty';
    const value = damaged(rand, shape, damage, Math.floor(i / DAMAGES.length));
    if (value instanceof Uint8Array) out.push(value);
    else out.push(shape.isValid(value) ? randomBytes(rand, 64) : encoder.encode(JSON.stringify(value) ?? 'undefined'));
  }
  return out;
}
