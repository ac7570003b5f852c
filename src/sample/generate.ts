/**
 * A deterministic generator of realistic sample data with the truth recorded: a reference population and a
 * sector register carrying every kind of error doisoat must find, in known proportions.
 */
import { SURNAMES, GIVEN_NAMES } from './names.js';
import { Random, weightedTable } from './random.js';
import { PROVINCES_PRE_2025 } from '../normalise/provinces.js';
import { foldDiacritics } from '../normalise/text.js';
import type { Status } from '../model/types.js';

/** The kinds of record the generator produces, each with the outcome doisoat should reach. */
export const SAMPLE_KINDS = {
  exact: { share: 0.5, status: 'matched', reasons: [], path: 'id' },
  'case-spacing': { share: 0.03, status: 'matched', reasons: [], path: 'id' },
  'leading-zero-lost': { share: 0.02, status: 'matched', reasons: [], path: 'id' },
  'year-only-birth': { share: 0.02, status: 'matched', reasons: [], path: 'id' },
  'name-diacritics': { share: 0.04, status: 'mismatched', reasons: ['name-differs'], path: 'id' },
  'name-typo': { share: 0.03, status: 'mismatched', reasons: ['name-differs'], path: 'id' },
  'middle-name-missing': { share: 0.02, status: 'mismatched', reasons: ['name-differs'], path: 'id' },
  'day-month-swapped': { share: 0.02, status: 'mismatched', reasons: ['birth-date-differs'], path: 'id' },
  'birth-digit-typo': { share: 0.01, status: 'mismatched', reasons: ['birth-date-differs'], path: 'id' },
  'gender-wrong': { share: 0.01, status: 'mismatched', reasons: ['gender-differs'], path: 'id' },
  'impossible-date': { share: 0.01, status: 'mismatched', reasons: ['birth-date-differs', 'invalid-row'], path: 'id' },
  'former-id': { share: 0.02, status: 'stale', reasons: ['superseded-id'], path: 'id' },
  deceased: { share: 0.02, status: 'stale', reasons: ['citizen-deceased'], path: 'id' },
  moved: { share: 0.02, status: 'stale', reasons: ['reference-newer'], path: 'id' },
  duplicate: { share: 0.02, status: 'matched', reasons: ['duplicate-record'], path: 'id' },
  'not-in-reference': { share: 0.03, status: 'missing', reasons: ['id-not-in-reference'], path: 'none' },
  'no-id-fields': { share: 0.01, status: 'missing', reasons: ['no-identifying-fields'], path: 'none' },
  // The fuzzy path: the citizen exists but the ID is missing, mistyped or unusable.
  'no-id': { share: 0.04, status: 'matched', reasons: [], path: 'fuzzy' },
  // Legacy registers often hold a misread birth year, or no birth date at all, besides no ID.
  'no-id-year-typo': { share: 0.006, status: 'mismatched', reasons: ['birth-date-differs'], path: 'fuzzy' },
  'no-id-no-date': { share: 0.004, status: 'matched', reasons: [], path: 'fuzzy' },
  'no-id-noisy-name': { share: 0.02, status: 'mismatched', reasons: ['name-differs'], path: 'fuzzy' },
  'id-typo': { share: 0.02, status: 'mismatched', reasons: ['id-differs'], path: 'fuzzy' },
  // Linked fuzzily, so the unreadable ID is reported as invalid-in-record with the citizen's ID as the correction.
  'scientific-id': { share: 0.01, status: 'mismatched', reasons: ['id-differs', 'invalid-row'], path: 'fuzzy' },
  'no-id-diacritics': { share: 0.01, status: 'mismatched', reasons: ['name-differs'], path: 'fuzzy' },
  'no-id-date-swapped': { share: 0.01, status: 'mismatched', reasons: ['birth-date-differs'], path: 'fuzzy' },
  'no-id-middle-missing': { share: 0.01, status: 'mismatched', reasons: ['name-differs'], path: 'fuzzy' },
} as const satisfies Record<string, { share: number; status: Status; reasons: readonly string[]; path: 'id' | 'fuzzy' | 'none' }>;

/** A kind of generated record. */
export type SampleKind = keyof typeof SAMPLE_KINDS;

/** A reference row as an export would hold it (text cells). */
export interface SampleCitizenRow {
  id: string;
  formerIds: string;
  fullName: string;
  birthDate: string;
  gender: string;
  provinceCode: string;
  communeCode: string;
  address: string;
  status: string;
  deathDate: string;
  updatedAt: string;
}

/** A sector row as an export would hold it (text cells). */
export interface SampleRecordRow {
  key: string;
  citizenId: string;
  fullName: string;
  birthDate: string;
  gender: string;
  provinceCode: string;
  communeCode: string;
  address: string;
  updatedAt: string;
}

/** The truth about one generated record. */
export interface SampleTruth {
  readonly key: string;
  readonly kind: SampleKind;
  /** The citizen the record is about, or '' when the person is not in the reference. */
  readonly citizenId: string;
  /** The status doisoat should reach. */
  readonly status: Status;
  /** Reasons the result must include. */
  readonly reasons: readonly string[];
  /** `id`: linkable by exact or former ID; `fuzzy`: needs typo or fuzzy linking; `none`: nobody to find. */
  readonly path: 'id' | 'fuzzy' | 'none';
}

/** Options for {@link generateSample}. */
export interface GenerateSampleOptions {
  /** Reference citizens (default 10,000). */
  readonly citizens?: number;
  /** Sector records (default 5,000). */
  readonly records?: number;
  /** PRNG seed (default 20250701). */
  readonly seed?: number;
  /** Share of reference citizens that share name and birth date with another citizen (default 0.01). */
  readonly namesakeShare?: number;
}

/** Generated sample data. */
export interface SampleData {
  readonly citizens: SampleCitizenRow[];
  readonly records: SampleRecordRow[];
  readonly truth: SampleTruth[];
  /** The as-of date the truth assumes. */
  readonly asOf: string;
}

const MIDDLE = {
  male: [['Văn', 30], ['Minh', 8], ['Đức', 6], ['Quang', 5], ['Hữu', 5], ['Thanh', 5], ['Hoàng', 4], ['Quốc', 4], ['Công', 4], ['Xuân', 3], ['Ngọc', 2], ['Gia', 2], ['Bảo', 2], ['Anh', 2], ['Đình', 3]],
  female: [['Thị', 40], ['Ngọc', 8], ['Thu', 5], ['Thanh', 5], ['Minh', 4], ['Kim', 4], ['Hồng', 3], ['Mỹ', 3], ['Bích', 2], ['Diệu', 2], ['Phương', 3], ['Bảo', 2], ['Thuỳ', 2], ['Khánh', 2]],
} as const;

const STREETS = ['Thôn', 'Xóm', 'Ấp', 'Tổ dân phố', 'Số nhà'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function fmtDate(y: number, m: number, d: number): string {
  return `${pad(d, 2)}/${pad(m, 2)}/${y}`;
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The year with its last digit misread as another (2 to 8 steps on, so never the same digit). */
function misreadLastDigit(rng: Random, y: number): number {
  return y - (y % 10) + (((y % 10) + rng.int(2, 8)) % 10);
}

interface Person {
  id: string;
  former: string;
  surname: string;
  middle: string;
  given: string;
  gender: 'male' | 'female';
  y: number;
  m: number;
  d: number;
  province: string;
  commune: string;
  address: string;
  deceased: boolean;
  deathDate: string;
  updatedAt: string;
}

function fullName(p: Pick<Person, 'surname' | 'middle' | 'given'>): string {
  return [p.surname, p.middle, p.given].filter((s) => s !== '').join(' ');
}

const ALPHABET = 'abcdeghiklmnopqrstuvxy';

function typo(rng: Random, name: string): string {
  const words = name.split(' ');
  const wi = words.length - 1 - rng.int(0, Math.min(1, words.length - 1));
  const w = words[wi]!;
  const chars = [...w];
  const pos = rng.int(1, Math.max(1, chars.length - 1));
  const op = rng.int(0, 2);
  if (op === 0 && chars.length > 2) chars.splice(pos, 1);
  else if (op === 1) chars.splice(pos, 0, rng.pick([...ALPHABET]));
  else chars[Math.min(pos, chars.length - 1)] = rng.pick([...ALPHABET]);
  const next = chars.join('');
  words[wi] = next === w ? `${w}h` : next;
  return words.join(' ');
}

function digitTypo(rng: Random, id: string): string {
  for (;;) {
    const chars = [...id];
    if (rng.chance(0.5)) {
      const i = rng.int(3, chars.length - 1);
      chars[i] = String((Number(chars[i]) + rng.int(1, 9)) % 10);
    } else {
      const i = rng.int(3, chars.length - 2);
      const t = chars[i]!;
      chars[i] = chars[i + 1]!;
      chars[i + 1] = t;
    }
    const out = chars.join('');
    if (out !== id) return out;
  }
}

/**
 * Generates a reference population and a sector register with known errors, deterministically from a seed.
 *
 * @example
 * const { citizens, records, truth } = generateSample({ citizens: 1000, records: 500, seed: 1 });
 * truth.filter((t) => t.status === 'stale').length //=> about 30
 */
export function generateSample(options: GenerateSampleOptions = {}): SampleData {
  const nCitizens = options.citizens ?? 10_000;
  const nRecords = options.records ?? 5_000;
  const rng = new Random(options.seed ?? 20250701);
  const surnames = weightedTable(SURNAMES);
  const middles = { male: weightedTable(MIDDLE.male), female: weightedTable(MIDDLE.female) };
  const provinces = weightedTable(
    PROVINCES_PRE_2025.map((p) => [p, p.code === '01' || p.code === '79' ? 6 : 1] as const),
  );
  const usedIds = new Set<string>();
  const people: Person[] = [];
  const namesakeShare = options.namesakeShare ?? 0.01;

  const newId = (prefix: string, gender: 'male' | 'female', year: number): string => {
    const century = Math.floor((year - 1900) / 100);
    const digit = century * 2 + (gender === 'female' ? 1 : 0);
    for (;;) {
      const id = `${prefix}${digit}${pad(year % 100, 2)}${pad(rng.int(0, 999_999), 6)}`;
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  for (let i = 0; i < nCitizens; i++) {
    const twin = i > 0 && rng.chance(namesakeShare) ? people[rng.int(0, people.length - 1)] : undefined;
    const gender: 'male' | 'female' = twin?.gender ?? (rng.chance(0.5) ? 'male' : 'female');
    const y = twin?.y ?? rng.int(1930, 2018);
    const m = twin?.m ?? rng.int(1, 12);
    const d = twin?.d ?? rng.int(1, daysIn(y, m));
    const prov = rng.weighted(provinces);
    const id = newId(prov.cccdPrefix, gender, y);
    const former = y < 1995 && rng.chance(0.35) ? pad(rng.int(10_000_000, 399_999_999), 9) : '';
    if (former !== '') usedIds.add(former);
    const deceased = rng.chance(0.03);
    const dy = deceased ? rng.int(Math.max(y + 1, 2021), 2025) : 0;
    people.push({
      id,
      former,
      surname: twin?.surname ?? rng.weighted(surnames),
      middle: twin?.middle ?? (rng.chance(0.97) ? rng.weighted(middles[gender]) : ''),
      given: twin?.given ?? rng.pick(GIVEN_NAMES[gender]),
      gender,
      y,
      m,
      d,
      province: prov.code,
      commune: `${pad(Number(prov.code) * 300 + rng.int(0, 299), 5)}`,
      address: `${rng.pick(STREETS)} ${rng.int(1, 30)}`,
      deceased,
      deathDate: deceased ? fmtDate(dy, rng.int(1, 12), rng.int(1, 28)) : '',
      updatedAt: fmtDate(rng.int(2021, 2024), rng.int(1, 12), rng.int(1, 28)),
    });
  }

  const kinds = weightedTable(Object.entries(SAMPLE_KINDS).map(([k, v]) => [k as SampleKind, v.share] as const));
  const alive = people.filter((p) => !p.deceased);
  const dead = people.filter((p) => p.deceased);
  const withFormer = people.filter((p) => p.former !== '' && !p.deceased);
  const records: SampleRecordRow[] = [];
  const truth: SampleTruth[] = [];
  const usedForRecords = new Set<string>();
  const exactRecords: number[] = [];

  const pickPerson = (pool: readonly Person[]): Person => {
    for (let tries = 0; tries < 20; tries++) {
      const p = rng.pick(pool);
      if (!usedForRecords.has(p.id)) {
        usedForRecords.add(p.id);
        return p;
      }
    }
    return rng.pick(pool);
  };

  for (let i = 0; i < nRecords; i++) {
    let kind = rng.weighted(kinds);
    if (kind === 'former-id' && withFormer.length === 0) kind = 'exact';
    if (kind === 'deceased' && dead.length === 0) kind = 'exact';
    if (kind === 'duplicate' && exactRecords.length === 0) kind = 'exact';
    const key = `HS${pad(i + 1, 7)}`;
    const spec = SAMPLE_KINDS[kind];
    if (kind === 'duplicate') {
      // records and truth are parallel arrays: the same index is the same record.
      const at = rng.pick(exactRecords);
      const src = records[at]!;
      const srcTruth = truth[at]!;
      records.push({ ...src, key });
      truth.push({ key, kind, citizenId: srcTruth.citizenId, status: 'matched', reasons: ['duplicate-record'], path: 'id' });
      continue;
    }
    if (kind === 'not-in-reference' || kind === 'no-id-fields') {
      const gender: 'male' | 'female' = rng.chance(0.5) ? 'male' : 'female';
      const y = rng.int(1940, 2015);
      const name = `${rng.weighted(surnames)} ${rng.weighted(middles[gender])} ${rng.pick(GIVEN_NAMES[gender])}`;
      const prov = rng.weighted(provinces);
      const id = kind === 'not-in-reference' ? newId(prov.cccdPrefix, gender, y) : '';
      records.push({
        key,
        citizenId: id,
        fullName: kind === 'no-id-fields' ? '' : name,
        birthDate: kind === 'no-id-fields' ? '' : fmtDate(y, rng.int(1, 12), rng.int(1, 28)),
        gender: gender === 'male' ? 'Nam' : 'Nữ',
        provinceCode: prov.code,
        communeCode: '',
        address: '',
        updatedAt: '',
      });
      truth.push({ key, kind, citizenId: '', status: spec.status, reasons: spec.reasons, path: spec.path });
      continue;
    }
    const pool = kind === 'former-id' ? withFormer : kind === 'deceased' ? dead : alive;
    let p = pickPerson(pool);
    if (kind === 'day-month-swapped' || kind === 'no-id-date-swapped') {
      for (let t = 0; t < 50 && (p.d > 12 || p.d === p.m); t++) p = pickPerson(pool);
      if (p.d > 12 || p.d === p.m) kind = kind === 'day-month-swapped' ? 'exact' : 'no-id';
    }
    if (kind === 'name-diacritics' || kind === 'no-id-diacritics') {
      // A name without diacritics cannot lose them.
      for (let t = 0; t < 50 && foldDiacritics(fullName(p)) === fullName(p); t++) p = pickPerson(pool);
      if (foldDiacritics(fullName(p)) === fullName(p)) kind = kind === 'name-diacritics' ? 'exact' : 'no-id';
    }
    const k = SAMPLE_KINDS[kind];
    let name = fullName(p);
    let birth = fmtDate(p.y, p.m, p.d);
    let gender = p.gender === 'male' ? 'Nam' : 'Nữ';
    let id = p.id;
    let province = p.province;
    let commune = p.commune;
    let updatedAt = fmtDate(rng.int(2025, 2026), rng.int(1, 6), rng.int(1, 28));
    switch (kind) {
      case 'case-spacing':
        name = rng.chance(0.5) ? `  ${name.toUpperCase()} ` : name.normalize('NFD').replace(/ /g, '  ');
        break;
      case 'leading-zero-lost':
        id = id.replace(/^0/, '');
        break;
      case 'year-only-birth':
        birth = rng.chance(0.5) ? String(p.y) : `00/00/${p.y}`;
        break;
      case 'name-diacritics':
        name = foldDiacritics(name);
        break;
      case 'name-typo':
        name = typo(rng, name);
        break;
      case 'no-id-noisy-name':
        name = typo(rng, name);
        id = '';
        break;
      case 'no-id-diacritics':
        name = foldDiacritics(name);
        id = '';
        break;
      case 'no-id-date-swapped':
        birth = fmtDate(p.y, p.d, p.m);
        id = '';
        break;
      case 'no-id-middle-missing':
        name = p.middle === '' ? `${p.surname} ${p.gender === 'male' ? 'Văn' : 'Thị'} ${p.given}` : `${p.surname} ${p.given}`;
        id = '';
        break;
      case 'middle-name-missing':
        if (p.middle === '') name = `${p.surname} ${p.gender === 'male' ? 'Văn' : 'Thị'} ${p.given}`;
        else name = `${p.surname} ${p.given}`;
        break;
      case 'day-month-swapped':
        birth = fmtDate(p.y, p.d, p.m);
        break;
      case 'birth-digit-typo': {
        // Change the last digit of the year: still a real date, one digit off.
        const y2 = misreadLastDigit(rng, p.y);
        birth = fmtDate(y2, p.m, Math.min(p.d, daysIn(y2, p.m)));
        if (y2 === p.y || Math.min(p.d, daysIn(y2, p.m)) !== p.d) birth = fmtDate(p.y, p.m, p.d === 1 ? 2 : 1);
        break;
      }
      case 'gender-wrong':
        gender = p.gender === 'male' ? 'Nữ' : 'Nam';
        break;
      case 'impossible-date':
        birth = `31/02/${p.y}`;
        break;
      case 'former-id':
        id = p.former;
        break;
      case 'moved': {
        // The record still holds the old province; the reference was updated after the record.
        const other = rng.weighted(provinces);
        province = other.code === p.province ? (p.province === '01' ? '79' : '01') : other.code;
        commune = '';
        updatedAt = fmtDate(2020, rng.int(1, 12), rng.int(1, 28));
        break;
      }
      case 'no-id':
        id = '';
        break;
      case 'no-id-year-typo': {
        // One year off, or the last digit misread; the day kept valid (29 February of a leap year).
        const y2 = rng.chance(0.5) ? p.y + (rng.chance(0.5) ? 1 : -1) : misreadLastDigit(rng, p.y);
        birth = fmtDate(y2, p.m, Math.min(p.d, daysIn(y2, p.m)));
        id = '';
        break;
      }
      case 'no-id-no-date':
        birth = '';
        id = '';
        break;
      case 'id-typo':
        id = digitTypo(rng, p.id);
        if (usedIds.has(id)) id = '';
        break;
      case 'scientific-id':
        id = `${id.slice(0, 1) === '0' ? id.slice(1, 2) : id.slice(0, 1)}.${id.slice(2, 7)}E+${id.length - 2}`;
        break;
      default:
        break;
    }
    records.push({
      key,
      citizenId: id,
      fullName: name,
      birthDate: birth,
      gender,
      provinceCode: kind === 'moved' ? province : rng.chance(0.8) ? province : '',
      communeCode: kind === 'moved' ? commune : rng.chance(0.5) ? commune : '',
      address: '',
      updatedAt,
    });
    if (kind === 'exact') exactRecords.push(records.length - 1);
    truth.push({ key, kind, citizenId: p.id, status: k.status, reasons: k.reasons, path: k.path });
  }

  // The reference changed after the records of moved people: apply the move and the update date.
  const moved = new Map<string, string>();
  truth.forEach((t, i) => {
    if (t.kind === 'moved') moved.set(t.citizenId, records[i]!.provinceCode);
  });
  const citizens: SampleCitizenRow[] = people.map((p) => ({
    id: p.id,
    formerIds: p.former,
    fullName: fullName(p),
    birthDate: fmtDate(p.y, p.m, p.d),
    gender: p.gender === 'male' ? 'Nam' : 'Nữ',
    provinceCode: p.province,
    communeCode: p.commune,
    address: p.address,
    status: p.deceased ? 'Đã mất' : 'Còn sống',
    deathDate: p.deathDate,
    updatedAt: moved.has(p.id) ? fmtDate(2025, rng.int(7, 12), rng.int(1, 28)) : p.updatedAt,
  }));
  return { citizens, records, truth, asOf: '2026-01-01' };
}
