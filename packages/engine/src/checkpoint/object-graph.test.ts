import { describe, expect, it } from 'vitest';
import { decodeGraph, encodeGraph, GraphError, type ClassRegistry } from './object-graph.ts';

class Node {
  next: Node | undefined;
  constructor(
    readonly name: string,
    public weight = 1,
  ) {}
  label(): string {
    return `${this.name}:${this.weight}`;
  }
}
class Unlisted {
  x = 1;
}

const CLASSES: ClassRegistry = new Map([['Node', Node]]);
const roundTrip = <T extends object>(value: T): T =>
  decodeGraph(JSON.parse(JSON.stringify(encodeGraph(value, CLASSES))), CLASSES) as T;

describe('object graph codec', () => {
  it('[CKP1] keeps shared and cyclic references, and class prototypes', () => {
    const a = new Node('a');
    const b = new Node('b', 2);
    a.next = b;
    b.next = a;
    const root = { first: a, again: a, list: [b, a] };
    const copy = roundTrip(root);
    expect(copy.first).toBeInstanceOf(Node);
    expect(copy.first).toBe(copy.again);
    expect(copy.list[1]).toBe(copy.first);
    expect(copy.first.next?.next).toBe(copy.first);
    expect(copy.list[0]?.label()).toBe('b:2');
  });

  it('[CKP1] keeps Maps and Sets in order, typed arrays, holes, undefined and odd numbers', () => {
    const shared = { k: 1 };
    const root = {
      map: new Map<unknown, unknown>([
        ['z', 1],
        [shared, 'object key'],
        ['a', undefined],
      ]),
      set: new Set(['c', 'a', 'b']),
      floats: new Float64Array([1.5, NaN, -0, Infinity]),
      ints: new Int32Array([7, -3]),
      view: new Int32Array(new Int32Array([1, 2, 3, 4]).buffer, 4, 2),
      // eslint-disable-next-line no-sparse-arrays
      holes: [1, , 3] as (number | undefined)[],
      nothing: undefined,
      numbers: [NaN, Infinity, -Infinity, -0, 0, 1e300],
      shared,
      nil: null,
      bare: Object.create(null) as Record<string, number>,
    };
    root.bare.x = 4;
    const copy = roundTrip(root);
    expect([...copy.map.keys()]).toEqual(['z', copy.shared, 'a']);
    expect(copy.map.get(copy.shared)).toBe('object key');
    expect(copy.map.has('a')).toBe(true);
    expect([...copy.set]).toEqual(['c', 'a', 'b']);
    expect(copy.floats).toBeInstanceOf(Float64Array);
    expect(Array.from(copy.floats)).toEqual([1.5, NaN, -0, Infinity]);
    expect(Object.is(copy.floats[2], -0)).toBe(true);
    expect(Array.from(copy.view)).toEqual([2, 3]);
    expect(Array.from(copy.ints)).toEqual([7, -3]);
    expect(1 in copy.holes).toBe(false);
    expect(copy.holes).toHaveLength(3);
    expect('nothing' in copy).toBe(true);
    expect(copy.numbers).toEqual([NaN, Infinity, -Infinity, -0, 0, 1e300]);
    expect(Object.is(copy.numbers[3], -0)).toBe(true);
    expect(copy.nil).toBeNull();
    expect(Object.getPrototypeOf(copy.bare)).toBeNull();
    expect(copy.bare.x).toBe(4);
  });

  it('[CKP1] refreezes frozen objects', () => {
    const copy = roundTrip({ config: Object.freeze({ id: 'q1' }) });
    expect(Object.isFrozen(copy.config)).toBe(true);
    expect(Object.isFrozen(copy)).toBe(false);
  });

  it('[CKP1] encodes a long linked list without recursion', () => {
    const head = new Node('0');
    let tail = head;
    for (let i = 1; i < 200_000; i++) tail = tail.next = new Node(String(i));
    let copy: Node | undefined = roundTrip(head);
    let n = 0;
    while (copy) {
      n++;
      copy = copy.next;
    }
    expect(n).toBe(200_000);
  });

  it('[CKP3] refuses state it cannot save, naming the path', () => {
    const cases: [object, RegExp][] = [
      [{ a: { f: () => 1 } }, /root\.a\.f: a function cannot be saved/],
      [{ u: [new Unlisted()] }, /root\.u\[0\]: class Unlisted is not registered/],
      [{ [Symbol('s')]: 1 }, /symbol-keyed/],
      [
        Object.defineProperty({}, 'x', { get: () => 1, enumerable: true }),
        /root\.x: an accessor property/,
      ],
      [{ big: 1n }, /root\.big: a bigint cannot be saved/],
      [{ m: new (class extends Map {})() }, /subclass of a built-in collection/],
      [{ d: new DataView(new ArrayBuffer(2)) }, /binary view cannot be saved/],
    ];
    for (const [value, message] of cases) {
      expect(() => encodeGraph(value, CLASSES)).toThrow(message);
    }
  });

  it('[CKP2] refuses malformed graphs with a message saying where', () => {
    const good = encodeGraph({ n: new Node('a') }, CLASSES);
    const cases: [unknown, RegExp][] = [
      [null, /not an encoded graph/],
      [{ shapes: [], objects: [], frozen: [] }, /no root object/],
      [{ ...good, shapes: [['Ghost']] }, /shapes\[0\]: unknown class "Ghost"/],
      [{ ...good, objects: [[0, [99]]] }, /reference to missing object 99/],
      [{ ...good, objects: [['x']] }, /unknown record tag "x"/],
      [{ ...good, objects: [[5]] }, /no shape 5/],
      [{ ...good, objects: [[0]] }, /0 values for 1 keys/],
      [{ ...good, objects: [['t', 'Float64Array', '!!']] }, /not base64/],
      [{ ...good, objects: [['t', 'Float64Array', 'AAA=']] }, /2 bytes do not fill/],
      [{ ...good, objects: [['t', 'Evil', '']] }, /bad typed array "Evil"/],
      [{ ...good, objects: [['a', { x: 1 }]] }, /unexpected \{"x":1\}/],
      [{ ...good, objects: [['a', ['n', 'eleven']]] }, /unknown value tag/],
      [{ ...good, objects: [['m', 1]] }, /key\/value pairs/],
      [{ ...good, frozen: [42] }, /frozen: no object 42/],
    ];
    for (const [graph, message] of cases) {
      expect(() => decodeGraph(graph, CLASSES)).toThrow(GraphError);
      expect(() => decodeGraph(graph, CLASSES)).toThrow(message);
    }
  });
});
