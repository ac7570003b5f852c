// Decoding bytes to text. UTF-8/16 go through TextDecoder (available in Node, browsers, Deno, Bun);
// Windows-1252/1258 use our own 128-entry tables because TextDecoder support for them varies.
import { detectEncoding, type DetectionConfidence, type TextEncoding } from './detect.js';
import { WINDOWS_1252_HIGH, WINDOWS_1258_HIGH } from './tables.js';

export { detectEncoding, isValidUtf8, type DetectedEncoding, type DetectionConfidence, type TextEncoding } from './detect.js';

/** Decoded text with the encoding that was used. */
export interface DecodedText {
  /** The text, without BOM. Windows-1258 text is NFC-normalised (its tone bytes are combining marks). */
  readonly text: string;
  /** The encoding the bytes were decoded with. */
  readonly encoding: TextEncoding;
  /** Whether a byte-order mark was present (and removed). */
  readonly bom: boolean;
  /** `certain` when given explicitly or by BOM, otherwise the detection confidence. */
  readonly confidence: DetectionConfidence;
}

/** Options for {@link decodeBytes}. */
export interface DecodeBytesOptions {
  /** Encoding to use; `'auto'` (default) detects it with `detectEncoding`. */
  readonly encoding?: TextEncoding | 'auto';
}

/** Incremental decoder returned by {@link createDecoder}. */
export interface StreamDecoder {
  /** Decodes one chunk; bytes of a character split across chunks are held until the next call. */
  write(chunk: Uint8Array): string;
  /** Flushes what is held (an incomplete final sequence becomes U+FFFD). */
  end(): string;
}

function bomLength(bytes: Uint8Array, encoding: TextEncoding): number {
  if (encoding === 'utf-8') return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (encoding === 'utf-16le') return bytes[0] === 0xff && bytes[1] === 0xfe ? 2 : 0;
  if (encoding === 'utf-16be') return bytes[0] === 0xfe && bytes[1] === 0xff ? 2 : 0;
  return 0;
}

/**
 * Decodes bytes in a Vietnamese data file, detecting the encoding unless one is given.
 * Never throws: invalid sequences become U+FFFD.
 *
 * @example
 * decodeBytes(new Uint8Array([0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e]), { encoding: 'windows-1258' }).text
 * //=> 'Nguyễn'
 */
export function decodeBytes(bytes: Uint8Array, options?: DecodeBytesOptions): DecodedText {
  const requested = options?.encoding ?? 'auto';
  const detected = requested === 'auto' ? detectEncoding(bytes) : undefined;
  const encoding = detected?.encoding ?? (requested as TextEncoding);
  const skip = bomLength(bytes, encoding);
  const decoder = createDecoder(encoding);
  const text = decoder.write(skip > 0 ? bytes.subarray(skip) : bytes) + decoder.end();
  return { text, encoding, bom: skip > 0, confidence: detected?.confidence ?? 'certain' };
}

/**
 * Creates a streaming decoder for one encoding, for reading a file chunk by chunk. A leading BOM
 * of the encoding is dropped, unless `continuation` says the bytes start in the middle of a file (where
 * U+FEFF is text, not a mark).
 *
 * @example
 * const d = createDecoder('utf-8');
 * d.write(new Uint8Array([0x4e, 0xe1, 0xbb])) + d.write(new Uint8Array([0x85, 0x6e])) + d.end()
 * //=> 'Nễn'
 */
export function createDecoder(encoding: TextEncoding, options: { readonly continuation?: boolean } = {}): StreamDecoder {
  if (encoding === 'windows-1252' || encoding === 'windows-1258') return singleByteDecoder(encoding);
  const keepBom = options.continuation === true;
  if (encoding === 'utf-8') return textDecoderStream('utf-8', keepBom) ?? utf16Or8Fallback('utf-8');
  return textDecoderStream(encoding, keepBom) ?? utf16Or8Fallback(encoding);
}

function textDecoderStream(label: string, ignoreBOM: boolean): StreamDecoder | undefined {
  let td: TextDecoder;
  try {
    td = new TextDecoder(label, { ignoreBOM });
  } catch {
    return undefined; // e.g. a small-ICU runtime without utf-16be
  }
  return {
    write: (chunk) => td.decode(chunk, { stream: true }),
    end: () => td.decode(),
  };
}

/** Used only where TextDecoder lacks an encoding: a plain code-unit decoder with a carried byte. */
function utf16Or8Fallback(encoding: TextEncoding): StreamDecoder {
  if (encoding === 'utf-8') {
    // Every runtime we target has a UTF-8 TextDecoder; decode as Latin-1 rather than throw.
    return singleByteDecoder('windows-1252');
  }
  const le = encoding === 'utf-16le';
  let carry: number | undefined;
  let started = false;
  return {
    write(chunk) {
      let out = '';
      let i = 0;
      if (carry !== undefined && chunk.length > 0) {
        out += unit(carry, chunk[0] ?? 0);
        carry = undefined;
        i = 1;
      }
      for (; i + 1 < chunk.length; i += 2) out += unit(chunk[i] ?? 0, chunk[i + 1] ?? 0);
      if (i < chunk.length) carry = chunk[i];
      if (!started && out.length > 0) {
        started = true;
        if (out.charCodeAt(0) === 0xfeff) out = out.slice(1);
      }
      return out;
    },
    end() {
      const out = carry === undefined ? '' : '\uFFFD';
      carry = undefined;
      return out;
    },
  };
  function unit(a: number, b: number): string {
    return String.fromCharCode(le ? a | (b << 8) : (a << 8) | b);
  }
}

function singleByteDecoder(encoding: 'windows-1252' | 'windows-1258'): StreamDecoder {
  const table = encoding === 'windows-1252' ? WINDOWS_1252_HIGH : WINDOWS_1258_HIGH;
  const nfc = encoding === 'windows-1258';
  // In 1258 a tone byte combines with the previous character, so hold the last one back until the next chunk.
  let held = '';
  return {
    write(chunk) {
      let out = held;
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i] ?? 0;
        out += b < 0x80 ? String.fromCharCode(b) : (table[b - 0x80] ?? '\uFFFD');
      }
      if (!nfc) return out;
      let cut = out.length;
      while (cut > 0 && isCombining(out.charCodeAt(cut - 1))) cut--;
      cut = Math.max(0, cut - 1);
      held = out.slice(cut);
      return out.slice(0, cut).normalize('NFC');
    },
    end() {
      const out = held.normalize('NFC');
      held = '';
      return out;
    },
  };
}

function isCombining(code: number): boolean {
  return code >= 0x300 && code <= 0x36f;
}
