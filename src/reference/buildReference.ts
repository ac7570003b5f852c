import { parseCitizenRow, type ParseRowOptions } from '../model/schema.js';
import { packDate } from './packedDate.js';
import { KeyIndex } from './keyIndex.js';
import { Interner } from './interner.js';
import { ownString } from './ownString.js';
import { PackedStringsBuilder, PackedStringsCursor, type PackedStrings } from './packedStrings.js';
import { GrowableInt32, GrowableUint8 } from './columns.js';
import { GENDER_CODE, packedColumns, ReferenceIndex, STATUS_CODE, type ReferenceProblem } from './referenceIndex.js';

/** Options for {@link buildReference}. */
export interface BuildReferenceOptions extends ParseRowOptions {
  /** Expected number of rows, to size the tables up front (optional). */
  readonly expectedSize?: number;
  /**
   * Allocate the index's tables in shared memory (where `SharedArrayBuffer` exists), for an index about to
   * be handed to worker threads: `snapshotReference(…, { shared: true })` then copies none of them (at 1M
   * citizens that copy took ~0.2 s while the other workers waited).
   */
  readonly shared?: boolean;
}

/**
 * Indexes the reference citizens by ID and former ID. Rows are validated like sector rows; invalid,
 * ID-less and duplicate rows are reported in `problems` and left out of lookups, never thrown.
 *
 * @param rows - Reference rows with model field names (`id`, `formerIds`, `fullName`, `birthDate`, `gender`,
 *   `provinceCode`, `communeCode`, `address`, `status`, `deathDate`, `updatedAt`); any iterable, read once.
 * @param options - ID scheme (`'vn'` or `'opaque'`), date parsing options and limits.
 * @example
 * const ref = buildReference([{ id: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989' }]);
 * ref.get('001089012345')?.fullName //=> 'Nguyễn Văn An'
 */
export function buildReference(rows: Iterable<unknown>, options: BuildReferenceOptions = {}): ReferenceIndex {
  const builder = new ReferenceBuilder(options);
  for (const input of rows) builder.add(input);
  return builder.build();
}

/**
 * Builds a {@link ReferenceIndex} one row at a time, for readers that stream the reference file (no array
 * of rows is ever held). `buildReference` is this over an iterable.
 *
 * @example
 * const b = new ReferenceBuilder();
 * for await (const row of rows) b.add(row);
 * b.build().size //=> 10000
 */
export class ReferenceBuilder {
  private readonly options: BuildReferenceOptions;
  private readonly byId: KeyIndex;
  private readonly province = new Interner();
  private readonly commune = new Interner();
  /** IDs and addresses are packed as they come (see PackedStringsBuilder): not a million strings held apart. */
  private readonly ids: PackedStringsBuilder;
  private readonly fullNames: (string | undefined)[] = [];
  /** Each distinct name once (registers repeat names: ~165k distinct among 1M citizens). */
  private readonly names = new Interner();
  private readonly nameIds: GrowableInt32;
  private readonly addresses: PackedStringsBuilder;
  private readonly birth: GrowableInt32;
  private readonly death: GrowableInt32;
  private readonly updated: GrowableInt32;
  private readonly provinceCol: GrowableInt32;
  private readonly communeCol: GrowableInt32;
  private readonly gender: GrowableUint8;
  private readonly status: GrowableUint8;
  private readonly formerStart: GrowableInt32;
  private readonly formerIds: string[] = [];
  private readonly formerRows: number[] = [];
  private readonly problems: ReferenceProblem[] = [];
  /** Input row of each citizen kept, in a builder made {@link forPart} (for the problems found when parts are joined). */
  private rowOf: GrowableInt32 | undefined;
  private row = 0;
  private built = false;

  constructor(options: BuildReferenceOptions = {}) {
    this.options = options;
    const expected = options.expectedSize ?? 1024;
    this.byId = new KeyIndex(expected, options.shared === true);
    this.ids = new PackedStringsBuilder(expected);
    this.addresses = new PackedStringsBuilder(expected);
    const shared = options.shared === true;
    this.nameIds = new GrowableInt32(expected, shared);
    this.birth = new GrowableInt32(expected, shared);
    this.death = new GrowableInt32(expected, shared);
    this.updated = new GrowableInt32(expected, shared);
    this.provinceCol = new GrowableInt32(expected, shared);
    this.communeCol = new GrowableInt32(expected, shared);
    this.gender = new GrowableUint8(expected, shared);
    this.status = new GrowableUint8(expected, shared);
    this.formerStart = new GrowableInt32(expected + 1, shared);
    this.formerStart.push(0);
  }

  /** Adds one reference row (model field names); problems are recorded, never thrown. */
  add(input: unknown): void {
    if (this.built) throw new Error('ReferenceBuilder.add called after build()');
    const row = ++this.row;
    const parsed = parseCitizenRow(input, this.options);
    for (const p of parsed.problems) this.problems.push({ row, ...p });
    const c = parsed.citizen;
    if (c === undefined) return;
    const pos = this.ids.length;
    const prev = this.byId.setIfAbsent(c.id, pos);
    if (prev >= 0) {
      this.problems.push(duplicateId(row));
      return;
    }
    this.ids.push(c.id);
    this.rowOf?.push(row);
    // Interner codes start at 1 (0 = no name); name ids start at 0 (-1 = no name).
    const code = this.names.intern(c.fullName);
    this.fullNames.push(this.names.values[code]);
    this.nameIds.push(code - 1);
    this.addresses.push(c.address);
    this.birth.push(packDate(c.birthDate));
    this.death.push(packDate(c.deathDate));
    this.updated.push(packDate(c.updatedAt));
    this.gender.push(c.gender === 'male' ? GENDER_CODE.male : c.gender === 'female' ? GENDER_CODE.female : GENDER_CODE.none);
    this.status.push(c.status === 'deceased' ? STATUS_CODE.deceased : STATUS_CODE.alive);
    this.provinceCol.push(this.province.intern(c.provinceCode));
    this.communeCol.push(this.commune.intern(c.communeCode));
    for (const f of c.formerIds) {
      this.formerIds.push(ownString(f));
      this.formerRows.push(row);
    }
    this.formerStart.push(this.formerIds.length);
  }

  /**
   * A builder for one part of a reference read in several (a later stretch of the same file, read on another
   * thread), ended with {@link part}: it also keeps the input row of each citizen.
   */
  static forPart(options: BuildReferenceOptions = {}): ReferenceBuilder {
    const b = new ReferenceBuilder(options);
    b.rowOf = new GrowableInt32(options.expectedSize ?? 1024);
    return b;
  }

  /**
   * Ends a builder made {@link forPart}: its rows as plain data that can be posted between threads, for
   * {@link absorb}. The builder cannot be used afterwards.
   */
  part(): ReferencePart {
    if (this.built) throw new Error('ReferenceBuilder.part called after build()');
    if (this.rowOf === undefined) throw new Error('ReferenceBuilder.part needs a builder made with ReferenceBuilder.forPart');
    this.built = true;
    return {
      rows: this.row,
      rowOf: this.rowOf.trimmed(),
      ids: this.ids.finish(),
      names: this.names.values.slice(1) as string[],
      nameIds: this.nameIds.trimmed(),
      addresses: this.addresses.finish(),
      birth: this.birth.trimmed(),
      death: this.death.trimmed(),
      updated: this.updated.trimmed(),
      gender: this.gender.trimmed(),
      status: this.status.trimmed(),
      provinces: this.province.values.slice(1) as string[],
      province: this.provinceCol.trimmed(),
      communes: this.commune.values.slice(1) as string[],
      commune: this.communeCol.trimmed(),
      formerStart: this.formerStart.trimmed(),
      formerIds: this.formerIds,
      formerRows: Int32Array.from(this.formerRows),
      problems: this.problems,
    };
  }

  /**
   * Appends the rows of a {@link part} that followed this builder's rows in the input, with the result
   * `add` would have given for each: row numbers continue from this builder's, a citizen whose ID an
   * earlier row holds is reported as a duplicate and left out.
   */
  absorb(part: ReferencePart): void {
    if (this.built) throw new Error('ReferenceBuilder.absorb called after build()');
    const offset = this.row;
    for (const { row, ...rest } of part.problems) this.problems.push({ row: row + offset, ...rest });
    // Codes are looked up as rows are kept, so a name or unit only a duplicate row holds is not interned.
    const nameCode = unknownCodes(part.names.length);
    const provinceCode = unknownCodes(part.provinces.length);
    const communeCode = unknownCodes(part.communes.length);
    const ids = new PackedStringsCursor(part.ids);
    const addresses = new PackedStringsCursor(part.addresses);
    for (let i = 0; i < part.ids.length; i++) {
      const row = part.rowOf[i]! + offset;
      const id = ids.next()!;
      const address = addresses.next();
      if (this.byId.setIfAbsent(id, this.ids.length) >= 0) {
        this.problems.push(duplicateId(row));
        continue;
      }
      this.ids.push(id);
      this.rowOf?.push(row);
      const code = codeIn(this.names, nameCode, part.names, part.nameIds[i]! + 1);
      this.fullNames.push(this.names.values[code]);
      this.nameIds.push(code - 1);
      this.addresses.push(address);
      this.birth.push(part.birth[i]!);
      this.death.push(part.death[i]!);
      this.updated.push(part.updated[i]!);
      this.gender.push(part.gender[i]!);
      this.status.push(part.status[i]!);
      this.provinceCol.push(codeIn(this.province, provinceCode, part.provinces, part.province[i]!));
      this.communeCol.push(codeIn(this.commune, communeCode, part.communes, part.commune[i]!));
      for (let j = part.formerStart[i]!; j < part.formerStart[i + 1]!; j++) {
        this.formerIds.push(part.formerIds[j]!);
        this.formerRows.push(part.formerRows[j]! + offset);
      }
      this.formerStart.push(this.formerIds.length);
    }
    this.row += part.rows;
  }

  /** Finishes the index. The builder cannot be used afterwards. */
  build(): ReferenceIndex {
    if (this.built) throw new Error('ReferenceBuilder.build called after build() or part()');
    this.built = true;
    const { ids, formerIds, formerRows, problems, byId } = this;
    const shared = this.options.shared === true;
    const byFormerId = new KeyIndex(Math.max(64, formerIds.length), shared);
    // Former IDs go in after every current ID so a conflict with a current ID is seen whatever the order.
    const starts = this.formerStart.trimmedIn(shared);
    const ambiguous = new Set<string>();
    for (let i = 0; i < ids.length; i++) {
      for (let j = starts[i]!; j < starts[i + 1]!; j++) {
        const f = formerIds[j]!;
        if (byId.get(f) >= 0) {
          problems.push({ row: formerRows[j]!, field: 'formerIds', code: 'former_id_is_current_id', message: 'a former ID of this citizen is the current ID of another citizen; it is not used for linking' });
          continue;
        }
        const prev = byFormerId.setIfAbsent(f, i);
        if (prev >= 0 && prev !== i) {
          ambiguous.add(f);
          problems.push({ row: formerRows[j]!, field: 'formerIds', code: 'duplicate_former_id', message: 'a former ID is claimed by more than one citizen; it is not used for linking' });
        }
      }
    }
    // An ambiguous former ID must not link to whichever citizen claimed it first.
    const formerIndex = ambiguous.size === 0 ? byFormerId : rebuildWithout(formerIds, starts, ids.length, ambiguous, byId, shared);
    const packed = { ids: ids.finish(), addresses: this.addresses.finish() };
    return new ReferenceIndex({
      columns: packedColumns(packed, {
        fullNames: this.fullNames,
        nameIds: this.nameIds.trimmedIn(shared),
        names: this.names.values.slice(1) as string[],
        birth: this.birth.trimmedIn(shared),
        gender: this.gender.trimmedIn(shared),
        status: this.status.trimmedIn(shared),
        death: this.death.trimmedIn(shared),
        updated: this.updated.trimmedIn(shared),
        province: this.provinceCol.trimmedIn(shared),
        commune: this.communeCol.trimmedIn(shared),
        formerStart: starts,
        formerIds,
      }),
      problems: problems.sort((a, b) => a.row - b.row),
      rowsRead: this.row,
      idScheme: this.options.idScheme ?? 'vn',
      byId,
      byFormerId: formerIndex,
      province: this.province,
      commune: this.commune,
      packed,
    });
  }
}

function duplicateId(row: number): ReferenceProblem {
  return { row, field: 'id', code: 'duplicate_id', message: 'ID already held by the citizen on an earlier row; this row is ignored' };
}

/** Codes for a part's `n` values, 1-based (0 = absent), all still unknown (-1). */
function unknownCodes(n: number): Int32Array {
  const codes = new Int32Array(n + 1).fill(-1);
  codes[0] = 0;
  return codes;
}

/** The code in `into` of a part's value `k` (1-based in `values`, 0 = absent), interned on first use and kept in `codes`. */
function codeIn(into: Interner, codes: Int32Array, values: readonly string[], k: number): number {
  let c = codes[k]!;
  if (c < 0) codes[k] = c = into.intern(values[k - 1]);
  return c;
}

/**
 * The rows of a {@link ReferenceBuilder} ended with `part()`: columns of the citizens kept, each distinct
 * name and unit once, and the problems found, with row numbers counted from the part's first row.
 */
export interface ReferencePart {
  /** Input rows read, valid or not. */
  readonly rows: number;
  /** Input row of each citizen kept. */
  readonly rowOf: Int32Array;
  readonly ids: PackedStrings;
  /** Distinct names; `nameIds` index into them (-1 = no name). */
  readonly names: readonly string[];
  readonly nameIds: Int32Array;
  readonly addresses: PackedStrings;
  readonly birth: Int32Array;
  readonly death: Int32Array;
  readonly updated: Int32Array;
  readonly gender: Uint8Array;
  readonly status: Uint8Array;
  /** Distinct province codes; `province` holds 1-based positions in them (0 = none). */
  readonly provinces: readonly string[];
  readonly province: Int32Array;
  readonly communes: readonly string[];
  readonly commune: Int32Array;
  readonly formerStart: Int32Array;
  readonly formerIds: readonly string[];
  readonly formerRows: Int32Array;
  readonly problems: readonly ReferenceProblem[];
}

function rebuildWithout(
  formerIds: readonly string[],
  starts: Int32Array,
  n: number,
  skip: ReadonlySet<string>,
  byId: KeyIndex,
  shared: boolean,
): KeyIndex {
  const idx = new KeyIndex(formerIds.length, shared);
  for (let i = 0; i < n; i++) {
    for (let j = starts[i]!; j < starts[i + 1]!; j++) {
      const f = formerIds[j]!;
      if (!skip.has(f) && byId.get(f) < 0) idx.setIfAbsent(f, i);
    }
  }
  return idx;
}
