/**
 * Name comparison as ordered agreement levels (Splink-style): the first level a pair satisfies says
 * what kind of difference separates the two names.
 */
import levenshtein from 'fast-levenshtein';
import type { NormalisedName } from '../normalise/name.js';
import { jaroWinkler } from './jaroWinkler.js';

/** Agreement level of two names, from identical to unrelated; see {@link NAME_LEVELS}. */
export type NameLevel =
  | 'exact'
  | 'case-or-spacing'
  | 'diacritics'
  | 'middle-name'
  | 'token-order'
  | 'typo'
  | 'jaro-winkler-high'
  | 'jaro-winkler-mid'
  | 'different';

/**
 * The name levels in the order they are tested, strongest agreement first:
 * - `exact`: identical display forms;
 * - `case-or-spacing`: equal once case, spacing, tone-mark placement, Unicode form and look-alikes are normalised;
 * - `diacritics`: equal once diacritics are removed ("Đào" vs "Dao" — still a real difference);
 * - `middle-name`: same first and last word, middle names missing, abbreviated ("T.") or a subset;
 * - `token-order`: the same words in another order;
 * - `typo`: at most two character edits apart (on the accent-folded forms);
 * - `jaro-winkler-high` / `jaro-winkler-mid`: Jaro–Winkler of the folded forms ≥ 0.94 / ≥ 0.88;
 * - `different`: anything else.
 */
export const NAME_LEVELS: readonly NameLevel[] = [
  'exact',
  'case-or-spacing',
  'diacritics',
  'middle-name',
  'token-order',
  'typo',
  'jaro-winkler-high',
  'jaro-winkler-mid',
  'different',
];

/** Outcome of comparing two names. */
export interface NameComparison {
  /** The first level the pair satisfies. */
  readonly level: NameLevel;
  /** Jaro–Winkler similarity of the skeletons, 0..1. */
  readonly similarity: number;
  /** Levenshtein distance between the skeletons. */
  readonly edits: number;
}

const MAX_TYPO_EDITS = 2;
const JW_HIGH = 0.94;
const JW_MID = 0.88;
// Bounds the matching search below; real names have at most three or four middle words.
const MAX_INNER = 8;

/** Two middle words agree when equal or when one is the initial of the other ("t" / "thi"). */
function compatible(x: string, y: string): boolean {
  if (x === y) return true;
  if (x.length === 1) return y.startsWith(x);
  if (y.length === 1) return x.startsWith(y);
  return false;
}

/** Whether every word of `short` pairs with a distinct compatible word of `long` (bipartite matching). */
function covers(short: readonly string[], long: readonly string[], i: number, used: number): boolean {
  if (i === short.length) return true;
  const s = short[i] as string;
  for (let j = 0; j < long.length; j++) {
    if ((used & (1 << j)) === 0 && compatible(s, long[j] as string) && covers(short, long, i + 1, used | (1 << j))) {
      return true;
    }
  }
  return false;
}

/**
 * Same first and last word (surname and given name) on the skeleton, and the words in between differ
 * only by being absent, initials or a subset. Uses the first word rather than `surname` because a
 * compound surname is recognised only with three or more words and only with diacritics, so
 * "Nguyễn Phước Lộc" (surname "nguyễn phước") / "Nguyễn Lộc" must still count as a middle-name difference.
 */
function middleNameOnly(a: readonly string[], b: readonly string[]): boolean {
  if (a.length < 2 || b.length < 2) return false;
  if (a[0] !== b[0] || a[a.length - 1] !== b[b.length - 1]) return false;
  const innerA = a.slice(1, -1);
  const innerB = b.slice(1, -1);
  if (innerA.length > MAX_INNER || innerB.length > MAX_INNER) return false;
  return innerA.length <= innerB.length ? covers(innerA, innerB, 0, 0) : covers(innerB, innerA, 0, 0);
}

function sameMultiset(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return false;
  return true;
}

function levelOf(a: NormalisedName, b: NormalisedName, similarity: number, edits: number): NameLevel {
  if (a.display === b.display) return 'exact';
  if (a.canonical === b.canonical) return 'case-or-spacing';
  if (a.skeleton === b.skeleton) return 'diacritics';
  if (middleNameOnly(a.skeletonTokens, b.skeletonTokens)) return 'middle-name';
  if (sameMultiset(a.skeletonTokens, b.skeletonTokens)) return 'token-order';
  if (edits <= MAX_TYPO_EDITS) return 'typo';
  if (similarity >= JW_HIGH) return 'jaro-winkler-high';
  if (similarity >= JW_MID) return 'jaro-winkler-mid';
  return 'different';
}

/**
 * Compares two normalised names and says which kind of difference separates them.
 *
 * Levels are tested in {@link NAME_LEVELS} order and the first hit wins, so "Nguyen Van Duc" vs
 * "Nguyễn Văn Đức" is `diacritics` even though it is also within two edits. Similarity and edit
 * distance are always computed on the accent-folded skeletons. Symmetric in its arguments.
 *
 * @param a - One name, from {@link normaliseName}.
 * @param b - The other name.
 * @returns The level, the Jaro–Winkler similarity and the Levenshtein distance of the skeletons.
 *
 * @example
 * compareNames(normaliseName('Nguyen Van Duc')!, normaliseName('Nguyễn Văn Đức')!)
 * //=> { level: 'diacritics', similarity: 1, edits: 0 }
 */
export function compareNames(a: NormalisedName, b: NormalisedName): NameComparison {
  const similarity = jaroWinkler(a.skeleton, b.skeleton);
  const edits = a.skeleton === b.skeleton ? 0 : levenshtein.get(a.skeleton, b.skeleton);
  return { level: levelOf(a, b, similarity, edits), similarity, edits };
}
