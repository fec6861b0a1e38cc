// A JSON-ready copy of an object graph that keeps what JSON loses: shared and cyclic references,
// class prototypes, Maps, Sets, typed arrays, undefined, holes, NaN, ±Infinity and -0. Engine
// checkpoints use it so that a restored engine is the same machine, down to its tie-break keys
// and heap layouts, whatever its internal data layout becomes (SPEC CKP1).

/** Classes whose instances may appear in a graph, by the name written for them. */
export type ClassRegistry = ReadonlyMap<string, abstract new (...args: never[]) => unknown>;

/** The encoded graph: `objects[0]` is the root; `shapes` name each record's class and keys. */
export interface EncodedGraph {
  shapes: string[][];
  objects: unknown[][];
  frozen: number[];
}

export class GraphError extends Error {
  override readonly name = 'GraphError';
}

type Shape = { index: number; keys: string[] };
const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

/**
 * Encodes everything reachable from `root`. Objects are numbered in the order they are reached
 * (no recursion: a long linked list cannot overflow the stack). A value is a JSON primitive, or
 * an array tag: [id] a reference, ['u'] undefined, ['h'] an array hole, ['n', text] a number JSON
 * cannot hold. A record is [shape, ...values], ['a', ...items], ['m', k, v, …], ['s', ...items]
 * or ['t', typed array name, base64 of its bytes].
 */
export function encodeGraph(root: object, classes: ClassRegistry): EncodedGraph {
  const names = new Map<unknown, string>();
  for (const [name, type] of classes) names.set(type.prototype, name);
  const ids = new Map<object, number>();
  const order: object[] = [root];
  // How each object was first reached, to name its path in an error (built only then).
  const parentOf: number[] = [-1];
  const keyOf: string[] = ['root'];
  ids.set(root, 0);
  const shapes: string[][] = [];
  const shapesOf = new Map<unknown, Shape[]>();
  const frozen: number[] = [];
  const objects: unknown[][] = [];

  const pathOf = (id: number, key?: string): string => {
    const parts = key === undefined ? [] : [key];
    for (let at = id; at >= 0; at = parentOf[at] as number) parts.push(keyOf[at] as string);
    return parts.reverse().join('');
  };
  /** `key` and `how` name the value inside its parent (see label), only when needed. */
  const encodeValue = (value: unknown, parent: number, key: unknown, how: How): unknown => {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        if (Number.isFinite(value) && !Object.is(value, -0)) return value;
        return ['n', Object.is(value, -0) ? '-0' : String(value)];
      case 'undefined':
        return ['u'];
      case 'object': {
        if (value === null) return null;
        let id = ids.get(value);
        if (id === undefined) {
          id = order.length;
          ids.set(value, id);
          order.push(value);
          parentOf.push(parent);
          keyOf.push(label(key, how));
        }
        return [id];
      }
      default:
        throw new GraphError(
          `${pathOf(parent, label(key, how))}: a ${typeof value === 'function' ? 'function' : typeof value} cannot be saved`,
        );
    }
  };

  for (let id = 0; id < order.length; id++) {
    const value = order[id] as object;
    if (Object.isFrozen(value)) frozen.push(id);
    objects.push(encodeObject(value, id));
  }
  return { shapes, objects, frozen };

  function encodeObject(value: object, id: number): unknown[] {
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype)
        throw new GraphError(`${pathOf(id)}: an Array subclass cannot be saved`);
      const out: unknown[] = ['a'];
      for (let i = 0; i < value.length; i++) {
        out.push(i in value ? encodeValue(value[i], id, i, How.Index) : ['h']);
      }
      return out;
    }
    if (value instanceof Map) {
      requirePlainBuiltIn(value, Map.prototype, () => pathOf(id));
      const out: unknown[] = ['m'];
      let i = 0;
      for (const [k, v] of value) {
        out.push(encodeValue(k, id, i++, How.MapKey), encodeValue(v, id, k, How.MapValue));
      }
      return out;
    }
    if (value instanceof Set) {
      requirePlainBuiltIn(value, Set.prototype, () => pathOf(id));
      const out: unknown[] = ['s'];
      let i = 0;
      for (const item of value) out.push(encodeValue(item, id, i++, How.SetItem));
      return out;
    }
    if (ArrayBuffer.isView(value)) {
      const name = typedArrayName(value, () => pathOf(id));
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      return ['t', name, toBase64(bytes)];
    }
    const keys = Object.getOwnPropertyNames(value);
    const shape = shapeFor(value, keys, id);
    const out: unknown[] = [shape.index];
    const record = value as Record<string, unknown>;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      out.push(encodeValue(record[key], id, key, How.Property));
    }
    return out;
  }

  /** Records of one class with the same keys share a shape; a new shape is checked once. */
  function shapeFor(value: object, keys: string[], id: number): Shape {
    const proto: unknown = Object.getPrototypeOf(value);
    let known = shapesOf.get(proto);
    if (known !== undefined) {
      for (const shape of known) if (sameKeys(shape.keys, keys)) return shape;
    }
    const className =
      proto === Object.prototype ? 'Object' : proto === null ? 'null' : names.get(proto);
    if (className === undefined) {
      const ctor = (proto as { constructor?: { name?: string } }).constructor?.name ?? '?';
      throw new GraphError(
        `${pathOf(id)}: class ${ctor} is not registered for checkpoints; add it to the class registry`,
      );
    }
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw new GraphError(`${pathOf(id)}: symbol-keyed properties cannot be saved`);
    }
    for (const key of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor?.get !== undefined || descriptor?.set !== undefined) {
        throw new GraphError(`${pathOf(id, `.${key}`)}: an accessor property cannot be saved`);
      }
    }
    const shape = { index: shapes.length, keys };
    shapes.push([className, ...keys]);
    if (known === undefined) shapesOf.set(proto, (known = []));
    known.push(shape);
    return shape;
  }
}

const enum How {
  Property,
  Index,
  MapKey,
  MapValue,
  SetItem,
}

/** ".name", "[3]", ".key(0)", ".get(k)", ".item(2)": a value's place in its parent. */
function label(key: unknown, how: How): string {
  const text = typeof key === 'string' || typeof key === 'number' ? String(key) : typeof key;
  switch (how) {
    case How.Property:
      return `.${text}`;
    case How.Index:
      return `[${text}]`;
    case How.MapKey:
      return `.key(${text})`;
    case How.MapValue:
      return `.get(${text})`;
    case How.SetItem:
      return `.item(${text})`;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Rebuilds the graph `encodeGraph` wrote; throws GraphError on anything malformed. */
export function decodeGraph(graph: unknown, classes: ClassRegistry): object {
  if (!isRecord(graph) || !Array.isArray(graph.shapes) || !Array.isArray(graph.objects)) {
    throw new GraphError('not an encoded graph: expected { shapes: [], objects: [], frozen: [] }');
  }
  const shapes = graph.shapes as unknown[];
  const records = graph.objects as unknown[];
  const frozen = Array.isArray(graph.frozen) ? (graph.frozen as unknown[]) : [];
  if (records.length === 0) throw new GraphError('the graph has no root object');

  const protos = shapes.map((shape, i) => {
    if (!Array.isArray(shape) || !shape.every((part) => typeof part === 'string')) {
      throw new GraphError(`shapes[${i}]: expected a list of strings`);
    }
    const className = shape[0];
    if (className === 'Object') return Object.prototype;
    if (className === 'null') return null;
    const type = className === undefined ? undefined : classes.get(className);
    if (type === undefined) throw new GraphError(`shapes[${i}]: unknown class "${className}"`);
    return type.prototype as object;
  });

  // First every object, empty; then their contents, which may refer to any of them.
  const made: object[] = records.map((record, id) => {
    if (!Array.isArray(record) || record.length === 0) {
      throw new GraphError(`objects[${id}]: expected a non-empty list`);
    }
    const tag: unknown = record[0];
    if (typeof tag === 'number') {
      if (!Number.isInteger(tag) || tag < 0 || tag >= protos.length)
        throw new GraphError(`objects[${id}]: no shape ${tag}`);
      return Object.create(protos[tag] as object | null) as object;
    }
    if (tag === 'a') return new Array<unknown>(record.length - 1);
    if (tag === 'm') return new Map();
    if (tag === 's') return new Set();
    if (tag === 't') return decodeTyped(record, id);
    throw new GraphError(`objects[${id}]: unknown record tag ${JSON.stringify(tag)}`);
  });

  const decodeValue = (value: unknown, where: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (!Array.isArray(value))
      throw new GraphError(`${where}: unexpected ${JSON.stringify(value)}`);
    const [tag, text] = value as unknown[];
    if (typeof tag === 'number') {
      const target = made[tag];
      if (target === undefined)
        throw new GraphError(`${where}: reference to missing object ${tag}`);
      return target;
    }
    if (tag === 'u') return undefined;
    if (tag === 'n') {
      if (text === '-0') return -0;
      if (text === 'NaN' || text === 'Infinity' || text === '-Infinity') return Number(text);
    }
    throw new GraphError(`${where}: unknown value tag ${JSON.stringify(value)}`);
  };

  records.forEach((entry, id) => {
    const record = entry as unknown[];
    const tag = record[0];
    const target = made[id] as object;
    const where = `objects[${id}]`;
    if (typeof tag === 'number') {
      const keys = shapes[tag] as string[];
      if (record.length !== keys.length) {
        throw new GraphError(`${where}: ${record.length - 1} values for ${keys.length - 1} keys`);
      }
      const out = target as Record<string, unknown>;
      for (let k = 1; k < keys.length; k++) {
        out[keys[k] as string] = decodeValue(record[k], `${where}.${keys[k]}`);
      }
    } else if (tag === 'a') {
      const out = target as unknown[];
      for (let i = 1; i < record.length; i++) {
        const item = record[i];
        if (Array.isArray(item) && item[0] === 'h') continue;
        out[i - 1] = decodeValue(item, `${where}[${i - 1}]`);
      }
    } else if (tag === 'm') {
      if (record.length % 2 !== 1) throw new GraphError(`${where}: a map needs key/value pairs`);
      const out = target as Map<unknown, unknown>;
      for (let i = 1; i < record.length; i += 2) {
        out.set(decodeValue(record[i], where), decodeValue(record[i + 1], where));
      }
    } else if (tag === 's') {
      const out = target as Set<unknown>;
      for (let i = 1; i < record.length; i++) out.add(decodeValue(record[i], where));
    }
  });
  for (const id of frozen) {
    const target = typeof id === 'number' ? made[id] : undefined;
    if (target === undefined) throw new GraphError(`frozen: no object ${String(id)}`);
    Object.freeze(target);
  }
  return made[0] as object;

  function decodeTyped(record: unknown[], id: number): object {
    const [, name, data] = record;
    const type =
      typeof name === 'string' && Object.hasOwn(TYPED_ARRAYS, name)
        ? TYPED_ARRAYS[name as TypedArrayName]
        : undefined;
    if (type === undefined || typeof data !== 'string') {
      throw new GraphError(`objects[${id}]: bad typed array ${JSON.stringify(name)}`);
    }
    const bytes = fromBase64(data, `objects[${id}]`);
    if (bytes.length % type.BYTES_PER_ELEMENT !== 0) {
      throw new GraphError(`objects[${id}]: ${bytes.length} bytes do not fill a ${String(name)}`);
    }
    return new type(bytes.buffer, 0, bytes.length / type.BYTES_PER_ELEMENT);
  }
}

function requirePlainBuiltIn(value: object, proto: object, path: () => string): void {
  if (Object.getPrototypeOf(value) !== proto) {
    throw new GraphError(`${path()}: a subclass of a built-in collection cannot be saved`);
  }
  if (Object.getOwnPropertyNames(value).length > 0) {
    throw new GraphError(`${path()}: properties on a Map or Set cannot be saved`);
  }
}

function typedArrayName(value: ArrayBufferView, path: () => string): TypedArrayName {
  for (const name of Object.keys(TYPED_ARRAYS) as TypedArrayName[]) {
    if (Object.getPrototypeOf(value) === TYPED_ARRAYS[name].prototype) return name;
  }
  throw new GraphError(`${path()}: this kind of binary view cannot be saved`);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// btoa and atob work on strings of byte-valued characters; chunks keep the argument lists short.
const CHUNK = 0x8000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

function fromBase64(text: string, where: string): Uint8Array<ArrayBuffer> {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new GraphError(`${where}: the typed array data is not base64`);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
