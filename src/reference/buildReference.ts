import { parseCitizenRow, type ParseRowOptions } from '../model/schema.js';
import { packDate } from './packedDate.js';
import { KeyIndex } from './keyIndex.js';
import { Interner } from './interner.js';
import { GrowableInt32, GrowableUint8 } from './columns.js';
import { GENDER_CODE, ReferenceIndex, STATUS_CODE, type ReferenceProblem } from './referenceIndex.js';

/** Options for {@link buildReference}. */
export interface BuildReferenceOptions extends ParseRowOptions {
  /** Expected number of rows, to size the tables up front (optional). */
  readonly expectedSize?: number;
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
  const expected = options.expectedSize ?? 1024;
  const byId = new KeyIndex(expected);
  const byFormerId = new KeyIndex(64);
  const province = new Interner();
  const commune = new Interner();
  const ids: string[] = [];
  const fullNames: (string | undefined)[] = [];
  const addresses: (string | undefined)[] = [];
  const birth = new GrowableInt32(expected);
  const death = new GrowableInt32(expected);
  const updated = new GrowableInt32(expected);
  const provinceCol = new GrowableInt32(expected);
  const communeCol = new GrowableInt32(expected);
  const gender = new GrowableUint8(expected);
  const status = new GrowableUint8(expected);
  const formerStart = new GrowableInt32(expected + 1);
  const formerIds: string[] = [];
  const formerRows: number[] = [];
  const problems: ReferenceProblem[] = [];
  formerStart.push(0);
  let row = 0;
  const parseOptions: ParseRowOptions = options;
  for (const input of rows) {
    row++;
    const parsed = parseCitizenRow(input, parseOptions);
    for (const p of parsed.problems) problems.push({ row, ...p });
    const c = parsed.citizen;
    if (c === undefined) continue;
    const pos = ids.length;
    const prev = byId.setIfAbsent(c.id, pos);
    if (prev >= 0) {
      problems.push({ row, field: 'id', code: 'duplicate_id', message: `ID already held by the citizen on an earlier row; this row is ignored` });
      continue;
    }
    ids.push(c.id);
    fullNames.push(c.fullName);
    addresses.push(c.address);
    birth.push(packDate(c.birthDate));
    death.push(packDate(c.deathDate));
    updated.push(packDate(c.updatedAt));
    gender.push(c.gender === 'male' ? GENDER_CODE.male : c.gender === 'female' ? GENDER_CODE.female : GENDER_CODE.none);
    status.push(c.status === 'deceased' ? STATUS_CODE.deceased : STATUS_CODE.alive);
    provinceCol.push(province.intern(c.provinceCode));
    communeCol.push(commune.intern(c.communeCode));
    for (const f of c.formerIds) {
      formerIds.push(f);
      formerRows.push(row);
    }
    formerStart.push(formerIds.length);
  }
  // Former IDs go in after every current ID so a conflict with a current ID is seen whatever the order.
  const starts = formerStart.trimmed();
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
  const formerIndex = ambiguous.size === 0 ? byFormerId : rebuildWithout(byFormerId, formerIds, starts, ids.length, ambiguous, byId);
  return new ReferenceIndex({
    columns: {
      ids,
      fullNames,
      birth: birth.trimmed(),
      gender: gender.trimmed(),
      status: status.trimmed(),
      death: death.trimmed(),
      updated: updated.trimmed(),
      province: provinceCol.trimmed(),
      commune: communeCol.trimmed(),
      addresses,
      formerStart: starts,
      formerIds,
    },
    problems: problems.sort((a, b) => a.row - b.row),
    rowsRead: row,
    idScheme: options.idScheme ?? 'vn',
    byId,
    byFormerId: formerIndex,
    province,
    commune,
  });
}

function rebuildWithout(
  _old: KeyIndex,
  formerIds: readonly string[],
  starts: Int32Array,
  n: number,
  skip: ReadonlySet<string>,
  byId: KeyIndex,
): KeyIndex {
  const idx = new KeyIndex(formerIds.length);
  for (let i = 0; i < n; i++) {
    for (let j = starts[i]!; j < starts[i + 1]!; j++) {
      const f = formerIds[j]!;
      if (!skip.has(f) && byId.get(f) < 0) idx.setIfAbsent(f, i);
    }
  }
  return idx;
}
