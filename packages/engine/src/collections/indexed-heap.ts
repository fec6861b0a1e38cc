/**
 * A binary min-heap whose nodes know their index, so any node can be removed or re-keyed in
 * O(log n). Keys are three numbers compared in order; callers negate a key to sort descending.
 * Numeric keys avoid a comparator closure on the hot path.
 */
export class HeapNode<T> {
  index = -1;
  constructor(
    public value: T,
    public k1 = 0,
    public k2 = 0,
    public k3 = 0,
  ) {}

  get inHeap(): boolean {
    return this.index >= 0;
  }
}

const less = (a: HeapNode<unknown>, b: HeapNode<unknown>): boolean =>
  a.k1 !== b.k1 ? a.k1 < b.k1 : a.k2 !== b.k2 ? a.k2 < b.k2 : a.k3 < b.k3;

export class IndexedHeap<T> {
  private readonly nodes: HeapNode<T>[] = [];

  /** Kept as a field so a size check reads no array. */
  size = 0;

  peek(): HeapNode<T> | undefined {
    return this.nodes[0];
  }

  push(node: HeapNode<T>): void {
    if (node.index >= 0) throw new Error('heap node is already in a heap');
    node.index = this.nodes.length;
    this.nodes.push(node);
    this.size++;
    this.up(node.index);
  }

  pop(): HeapNode<T> | undefined {
    const top = this.nodes[0];
    if (top) this.remove(top);
    return top;
  }

  remove(node: HeapNode<T>): void {
    const i = node.index;
    if (i < 0 || this.nodes[i] !== node) throw new Error('heap node is not in this heap');
    const last = this.nodes.pop() as HeapNode<T>;
    this.size--;
    node.index = -1;
    if (last === node) return;
    this.nodes[i] = last;
    last.index = i;
    this.down(i);
    this.up(last.index);
  }

  /** Restores order after the node's keys changed. */
  update(node: HeapNode<T>): void {
    this.up(node.index);
    this.down(node.index);
  }

  /** Nodes in heap order (not sorted); for inspection and explanations. */
  values(): readonly HeapNode<T>[] {
    return this.nodes;
  }

  private up(i: number): void {
    const nodes = this.nodes;
    const node = nodes[i] as HeapNode<T>;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = nodes[parentIndex] as HeapNode<T>;
      if (!less(node, parent)) break;
      nodes[i] = parent;
      parent.index = i;
      i = parentIndex;
    }
    nodes[i] = node;
    node.index = i;
  }

  private down(i: number): void {
    const nodes = this.nodes;
    const n = nodes.length;
    const node = nodes[i] as HeapNode<T>;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && less(nodes[right] as HeapNode<T>, nodes[left] as HeapNode<T>)) child = right;
      const childNode = nodes[child] as HeapNode<T>;
      if (!less(childNode, node)) break;
      nodes[i] = childNode;
      childNode.index = i;
      i = child;
    }
    nodes[i] = node;
    node.index = i;
  }
}
