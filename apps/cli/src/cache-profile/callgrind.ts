/** Self cost of one function: callgrind's event counts, summed over its instructions. */
export interface FunctionCost {
  /** The symbol callgrind names, or the JIT's name for the code at the address. */
  name: string;
  /** The object file (`ob=`): `???` for JIT code. */
  object: string;
  costs: number[];
}

/**
 * Sums a callgrind profile (`callgrind.out`) per function, line by line. Costs are self costs:
 * the cost line after each `calls=` line is the call's inclusive cost, already counted in the
 * callee, and is skipped. Instructions in unnamed code (`fn=0x…` or `???`, which is what JIT code
 * looks like to callgrind) are named by `nameJit` from their address when it knows them.
 */
export class CallgrindReader {
  events: string[] = [];
  /** The `totals:` line, when the file has one: the sum of every self cost. */
  totals: number[] | undefined;
  private positions = 1;
  /** Which position column is the instruction address (`positions: instr line`), or -1. */
  private instrColumn = -1;
  private readonly previous: number[] = [];
  private object = '???';
  private fn = '???';
  private skipNext = false;
  // Name compression (`fn=(3) name`, later `fn=(3)`), in case a file uses it.
  private readonly names = new Map<string, string>();
  private readonly costs = new Map<string, FunctionCost>();

  constructor(private readonly nameJit: (address: number) => string | undefined) {}

  line(text: string): void {
    if (text === '' || text.startsWith('#')) return;
    const first = text.charCodeAt(0);
    // A cost line starts with a position: a number, 0x…, or +, -, * (relative to the last one).
    if ((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 42) {
      this.costLine(text);
      return;
    }
    const eq = text.indexOf('=');
    const colon = text.indexOf(':');
    if (eq > 0 && (colon < 0 || eq < colon)) {
      const key = text.slice(0, eq);
      const value = text.slice(eq + 1);
      if (key === 'fn') this.fn = this.name('fn', value);
      else if (key === 'ob') this.object = this.name('ob', value);
      else if (key === 'calls') this.skipNext = true;
      // The callee's names are read only to learn their compressed ids.
      else if (key === 'cfn') this.name('fn', value);
      else if (key === 'cob') this.name('ob', value);
      return;
    }
    if (colon > 0) {
      const key = text.slice(0, colon);
      const value = text.slice(colon + 1).trim();
      if (key === 'events') this.events = value.split(/\s+/);
      else if (key === 'positions') {
        const names = value.split(/\s+/);
        this.positions = names.length;
        this.instrColumn = names.indexOf('instr');
      } else if (key === 'totals') this.totals = value.split(/\s+/).map(Number);
    }
  }

  /** Self cost per function, keyed by name and object. */
  functions(): FunctionCost[] {
    return [...this.costs.values()];
  }

  /** Resolves a compressed name; functions and objects number their names separately. */
  private name(space: 'fn' | 'ob', value: string): string {
    const match = /^\((\d+)\)(?: (.*))?$/.exec(value);
    if (match === null) return value;
    const id = `${space}${match[1] as string}`;
    if (match[2] !== undefined) this.names.set(id, match[2]);
    return this.names.get(id) ?? value;
  }

  private costLine(text: string): void {
    const parts = text.trim().split(/\s+/);
    for (let i = 0; i < this.positions; i++) {
      const raw = parts[i] ?? '*';
      const last = this.previous[i] ?? 0;
      let value: number;
      if (raw === '*') value = last;
      else if (raw.startsWith('+')) value = last + Number(raw.slice(1));
      else if (raw.startsWith('-')) value = last - Number(raw.slice(1));
      else value = Number(raw);
      this.previous[i] = value;
    }
    if (this.skipNext) {
      this.skipNext = false;
      return;
    }
    let name = this.fn;
    if (this.instrColumn >= 0 && (name === '???' || name.startsWith('0x'))) {
      name = this.nameJit(this.previous[this.instrColumn] ?? 0) ?? name;
    }
    const key = `${name}\0${this.object}`;
    let entry = this.costs.get(key);
    if (entry === undefined) {
      entry = { name, object: this.object, costs: [] };
      this.costs.set(key, entry);
    }
    for (let i = this.positions; i < parts.length; i++) {
      const k = i - this.positions;
      entry.costs[k] = (entry.costs[k] ?? 0) + Number(parts[i]);
    }
  }
}
