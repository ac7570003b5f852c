/**
 * The reference dataset held for reconciliation: columnar arrays and interned strings rather than one object
 * per citizen, so millions of citizens fit in memory and index in seconds.
 */
import { packedStringAt, unpackStrings, type PackedStrings } from './packedStrings.js';
import type { Citizen, CitizenStatus, Gender } from '../model/types.js';
import { oneEditVariants, type IdScheme } from '../normalise/id.js';
import { unpackDate } from './packedDate.js';
import { ownString } from './ownString.js';
import type { KeyIndex } from './keyIndex.js';
import type { Interner } from './interner.js';
import { buildReferenceNeighbours, oneEditNeighbours, type IdNeighbours } from './idNeighbours.js';
import { tableFor } from './sharedTables.js';

/** A problem with one reference row: reported on the index, never thrown. */
export interface ReferenceProblem {
  /** 1-based data-row number in the reference input. */
  readonly row: number;
  readonly field: string;
  /** e.g. `missing_id`, `invalid_id`, `duplicate_id`, `duplicate_former_id`, `former_id_is_current_id`, `invalid_date`. */
  readonly code: string;
  readonly message: string;
}

/** @internal The {@link IdNeighbours} of an index's current and former ID tables. */
export interface ReferenceNeighbours {
  readonly current: IdNeighbours;
  readonly former: IdNeighbours;
}

/** @internal The name under which an index memoises its {@link ReferenceNeighbours}. */
export const ID_NEIGHBOURS = 'id:neighbours';

/** Gender codes in the `gender` column. */
export const GENDER_CODE = { none: 0, male: 1, female: 2 } as const;
/** Status codes in the `status` column. */
export const STATUS_CODE = { alive: 0, deceased: 1 } as const;

/** The raw columns of a {@link ReferenceIndex}; index `i` is the citizen's position. */
export interface ReferenceColumns {
  /**
   * Every citizen's ID. The index holds IDs and addresses packed: this (like `addresses`) unpacks the whole
   * column on first use, a million strings at 1M citizens, each a slice of a long packed text. For one
   * citizen use `idAt` / `addressAt`, which also return copies that keep nothing else alive.
   */
  readonly ids: readonly string[];
  readonly fullNames: readonly (string | undefined)[];
  /** Position of each citizen's name in `names` (-1 without a name): equal names share a code. */
  readonly nameIds: Int32Array;
  /** Each distinct full name once. */
  readonly names: readonly string[];
  /** Packed `yyyymmdd` birth dates (see packDate), 0 when unknown. */
  readonly birth: Int32Array;
  readonly gender: Uint8Array;
  readonly status: Uint8Array;
  readonly death: Int32Array;
  readonly updated: Int32Array;
  /** Interned province codes (code 0 = none). */
  readonly province: Int32Array;
  readonly commune: Int32Array;
  /** Every citizen's address: unpacked on first use, like `ids`. */
  readonly addresses: readonly (string | undefined)[];
  /** Former IDs per citizen: `formerStart[i]`..`formerStart[i+1]` index into `formerIds`. */
  readonly formerStart: Int32Array;
  readonly formerIds: readonly string[];
}

/** The ID and address columns of a {@link ReferenceIndex}, packed (see `packStrings`). */
export interface PackedColumns {
  readonly ids: PackedStrings;
  readonly addresses: PackedStrings;
}

/**
 * @internal Columns whose `ids` and `addresses` are unpacked from `packed` only if something asks for one
 * whole: the index reads single values from the packed form, which spares a million small strings.
 */
export function packedColumns(packed: PackedColumns, rest: Omit<ReferenceColumns, 'ids' | 'addresses'>): ReferenceColumns {
  let ids: string[] | undefined;
  let addresses: (string | undefined)[] | undefined;
  return {
    ...rest,
    get ids(): string[] {
      return (ids ??= unpackStrings(packed.ids) as string[]);
    },
    get addresses(): (string | undefined)[] {
      return (addresses ??= unpackStrings(packed.addresses));
    },
  };
}

/** Reconciliation's view of the reference dataset. Build it with `buildReference`. */
export class ReferenceIndex {
  /** Columns, for linkers and statistics that scan the reference. */
  readonly columns: ReferenceColumns;
  /** Problems found while indexing (duplicate or invalid rows); those rows are left out of lookups. */
  readonly problems: readonly ReferenceProblem[];
  /** Number of reference rows read, valid or not. */
  readonly rowsRead: number;
  /** The ID scheme the index was built with. */
  readonly idScheme: IdScheme;
  /** Interners behind `province` and `commune`. */
  readonly units: { readonly province: Interner; readonly commune: Interner };
  private readonly byId: KeyIndex;
  private readonly byFormerId: KeyIndex;
  /** Memo for derived structures (blocking indexes, term frequencies) built on first use. */
  private readonly derived = new Map<string, unknown>();
  /** {@link idNeighbours}, once built or restored. */
  private neighbours: ReferenceNeighbours | undefined;

  /** @internal Use `buildReference`. */
  constructor(init: {
    columns: ReferenceColumns;
    problems: ReferenceProblem[];
    rowsRead: number;
    idScheme: IdScheme;
    byId: KeyIndex;
    byFormerId: KeyIndex;
    province: Interner;
    commune: Interner;
    derived?: Iterable<readonly [string, unknown]>;
    /** `columns.ids` and `columns.addresses` packed (see {@link packedColumns}). */
    packed: PackedColumns;
  }) {
    this.columns = init.columns;
    this.problems = init.problems;
    this.rowsRead = init.rowsRead;
    this.idScheme = init.idScheme;
    this.byId = init.byId;
    this.byFormerId = init.byFormerId;
    this.units = { province: init.province, commune: init.commune };
    if (init.derived !== undefined) for (const [k, v] of init.derived) this.derived.set(k, v);
    this.packed = init.packed;
  }

  // Reading one value from the packed column costs less than a million small strings held apart.
  private readonly packed: PackedColumns;

  /**
   * The current ID of the citizen at position `i`.
   *
   * @example
   * reference.idAt(reference.findById('001089012345')) //=> '001089012345'
   */
  idAt(i: number): string {
    // Its own copy: a slice would keep its whole chunk (up to 64M characters) alive for as long as it is kept.
    const id = packedStringAt(this.packed.ids, i);
    // (undefined out of range, as an array's would be, whatever the declared type)
    return (id === undefined ? undefined : ownString(id)) as string;
  }

  /**
   * The address of the citizen at position `i`, if any.
   *
   * @example
   * reference.addressAt(0) //=> 'Thôn Đông, xã Phù Xuân'
   */
  addressAt(i: number): string | undefined {
    const address = packedStringAt(this.packed.addresses, i);
    return address === undefined ? undefined : ownString(address);
  }

  /** @internal The ID tables, derived structures and packed columns, for `snapshotReference`. */
  internals(): {
    readonly byId: KeyIndex;
    readonly byFormerId: KeyIndex;
    readonly derived: ReadonlyMap<string, unknown>;
    readonly packed: PackedColumns;
  } {
    return { byId: this.byId, byFormerId: this.byFormerId, derived: this.derived, packed: this.packed };
  }

  /** Number of citizens indexed. */
  get size(): number {
    return this.columns.birth.length;
  }

  /** Position of the citizen whose current ID is `id`, or -1. */
  findById(id: string): number {
    return this.byId.get(id);
  }

  /** Position of the citizen who formerly held `id` (an old CMND), or -1 (also when two citizens claim it). */
  findByFormerId(id: string): number {
    const i = this.byFormerId.get(id);
    return i < 0 ? -1 : i;
  }

  /**
   * Positions of citizens whose current or former ID is one typing error away from `id`: one character
   * substituted, two adjacent characters swapped, or a leading zero lost. Each position once, in the order
   * the variants are generated (substitutions left to right, then swaps, then the leading zero). Digit IDs
   * are probed arithmetically, without building a string per variant; a 12-digit ID's variants are found
   * in the ID tables' neighbour buckets, which the first such call builds (24 bytes per 12-digit ID and per
   * table, ~0.2 s at 1M citizens) unless `prepareFuzzyIndexes` or a snapshot already did.
   *
   * @example
   * reference.findOneEditAway('001089012346') //=> [0] when '001089012345' is indexed
   */
  findOneEditAway(id: string): number[] {
    const found: number[] = [];
    const add = (i: number): void => {
      if (i >= 0 && !found.includes(i)) found.push(i);
    };
    const n = id.length;
    if (n > 0 && n <= 13 && /^\d+$/.test(id)) {
      const value = Number(id);
      if (n === 12) return this.twelveDigitsOneEditAway(id, value);
      const probe = (v: number, len: number): void => {
        add(this.byId.getDigits(v, len));
        add(this.byFormerId.getDigits(v, len));
      };
      for (let k = 0; k < n; k++) {
        const place = 10 ** (n - 1 - k);
        const d = id.charCodeAt(k) - 48;
        for (let c = 0; c < 10; c++) if (c !== d) probe(value + (c - d) * place, n);
      }
      for (let k = 0; k + 1 < n; k++) {
        const a = id.charCodeAt(k) - 48;
        const b = id.charCodeAt(k + 1) - 48;
        if (a !== b) probe(value + (b - a) * 10 ** (n - 1 - k) + (a - b) * 10 ** (n - 2 - k), n);
      }
      probe(value, n + 1);
      return found;
    }
    for (const v of oneEditVariants(id)) {
      add(this.byId.get(v));
      add(this.byFormerId.get(v));
    }
    return found;
  }

  /**
   * {@link findOneEditAway} for a 12-digit ID (every citizen ID): the variants within either half are found
   * in the ID tables' {@link IdNeighbours} buckets, the other two probed; hits are then put in the order the
   * probes would have found them (variant, then current before former ID).
   */
  private twelveDigitsOneEditAway(id: string, value: number): number[] {
    const { current, former } = this.idNeighbours();
    const hits: number[] = [];
    oneEditNeighbours(current, value, 0, hits);
    if (former.byHead.length > 0) oneEditNeighbours(former, value, 1, hits);
    const probe = (variant: number, v: number, len: number): void => {
      const i = this.byId.getDigits(v, len);
      if (i >= 0) hits.push(variant * 2, i);
      const j = this.byFormerId.getDigits(v, len);
      if (j >= 0) hits.push(variant * 2 + 1, j);
    };
    // The transposition of the sixth and seventh digits (in neither half), then the ID with a leading zero.
    const a = id.charCodeAt(5) - 48;
    const b = id.charCodeAt(6) - 48;
    if (a !== b) probe(125, value + (b - a) * 1e6 + (a - b) * 1e5, 12);
    probe(131, value, 13);
    // Insertion sort of the (order, position) pairs: a handful at most.
    for (let k = 2; k < hits.length; k += 2) {
      const key = hits[k]!;
      const v = hits[k + 1]!;
      let j = k - 2;
      for (; j >= 0 && hits[j]! > key; j -= 2) {
        hits[j + 2] = hits[j]!;
        hits[j + 3] = hits[j + 1]!;
      }
      hits[j + 2] = key;
      hits[j + 3] = v;
    }
    const found: number[] = [];
    for (let k = 1; k < hits.length; k += 2) if (!found.includes(hits[k]!)) found.push(hits[k]!);
    return found;
  }

  /** @internal The ID tables' {@link IdNeighbours}, built on first use (see `prepareFuzzyIndexes`). */
  idNeighbours(): ReferenceNeighbours {
    this.neighbours ??= this.memo(ID_NEIGHBOURS, () => buildReferenceNeighbours(this.byId.toData(), this.byFormerId.toData(), (Ctor, length) => tableFor(this, Ctor, length)));
    return this.neighbours;
  }

  /**
   * The citizen at position `i` as a plain object (built on demand). `{ address: false }` leaves the address
   * out (unpacking it was 6 % of classifying a record that does not compare addresses).
   *
   * @example
   * reference.citizen(0, { address: false }).address //=> undefined
   */
  citizen(i: number, options: { readonly address?: boolean } = {}): Citizen {
    const c = this.columns;
    const out: Record<string, unknown> = {
      id: this.idAt(i),
      formerIds: c.formerIds.slice(c.formerStart[i], c.formerStart[i + 1]),
      status: (c.status[i] === STATUS_CODE.deceased ? 'deceased' : 'alive') satisfies CitizenStatus,
    };
    const name = c.fullNames[i];
    if (name !== undefined) out['fullName'] = name;
    const birth = unpackDate(c.birth[i]!);
    if (birth !== undefined) out['birthDate'] = birth;
    const g = c.gender[i];
    if (g !== GENDER_CODE.none) out['gender'] = (g === GENDER_CODE.male ? 'male' : 'female') satisfies Gender;
    const province = this.units.province.values[c.province[i]!];
    if (province !== undefined) out['provinceCode'] = province;
    const commune = this.units.commune.values[c.commune[i]!];
    if (commune !== undefined) out['communeCode'] = commune;
    if (options.address !== false) {
      const address = this.addressAt(i);
      if (address !== undefined) out['address'] = address;
    }
    const death = unpackDate(c.death[i]!);
    if (death !== undefined) out['deathDate'] = death;
    const updated = unpackDate(c.updated[i]!);
    if (updated !== undefined) out['updatedAt'] = updated;
    return out as unknown as Citizen;
  }

  /**
   * @internal Reads the ID table slot {@link findById} will read for `id`, and returns a value made from the
   * load (see {@link warm}).
   */
  warmId(id: string): number {
    return this.byId.touch(id);
  }

  /**
   * @internal Reads what {@link citizen} reads for each of `positions` (negative ones skipped) and returns a
   * value made from every load, so that none is optimised away. Records come in file order, random against
   * the reference's: one citizen's dozen columns are a dozen cache misses, which `citizen` takes one after
   * another and this loop overlaps across citizens.
   */
  warm(positions: readonly number[]): number {
    const c = this.columns;
    const packed = this.packed;
    let x = 0;
    for (const i of positions) {
      if (i < 0) continue;
      x ^= c.birth[i]! ^ c.gender[i]! ^ c.status[i]! ^ c.province[i]! ^ c.commune[i]! ^ c.death[i]! ^ c.updated[i]! ^ c.formerStart[i]!;
      x ^= c.fullNames[i]?.length ?? 0;
      x ^= packed.ids.ends[i]! ^ packed.addresses.ends[i]!;
    }
    return x;
  }

  /** Citizen by current ID, or undefined. */
  get(id: string): Citizen | undefined {
    const i = this.findById(id);
    return i < 0 ? undefined : this.citizen(i);
  }

  /**
   * A structure derived from the reference, built once by `build` and memoised under `name`
   * (blocking indexes, name frequencies). Linkers use this so the index stays one object.
   */
  memo<T>(name: string, build: () => T): T {
    if (this.derived.has(name)) return this.derived.get(name) as T;
    const v = build();
    this.derived.set(name, v);
    return v;
  }
}
