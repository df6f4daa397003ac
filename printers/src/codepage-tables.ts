// Byte → Unicode for the code pages a printer may be switched to, used to read ESC/POS back as text.
//
// Where the WHATWG Encoding Standard has the page (cp866 as "ibm866", the Windows pages, ISO
// 8859), Node's own TextDecoder decodes it, independently of the encoder library, so a test that
// decodes what the encoder wrote checks the encoder rather than itself. The DOS pages the web never
// had (cp437, cp850, cp858, cp852, ...) come from @point-of-sale/codepage-encoder's tables.
import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';

/** ESC t n → code page, as Epson numbers them (the `codepageMapping: 'epson'` we encode with). */
export const EPSON_CODEPAGES: Readonly<Record<number, Codepage>> = {
  0: 'cp437', 2: 'cp850', 3: 'cp860', 4: 'cp863', 5: 'cp865', 11: 'cp851', 12: 'cp853', 13: 'cp857',
  14: 'cp737', 15: 'iso8859-7', 16: 'windows1252', 17: 'cp866', 18: 'cp852', 19: 'cp858', 32: 'cp720',
  33: 'cp775', 34: 'cp855', 35: 'cp861', 36: 'cp862', 37: 'cp864', 38: 'cp869', 40: 'iso8859-15',
  41: 'cp1098', 44: 'cp1125', 45: 'windows1250', 46: 'windows1251', 47: 'windows1253',
  48: 'windows1254', 49: 'windows1255', 50: 'windows1256', 51: 'windows1257', 52: 'windows1258',
};

// Not windows-1252: Node 20's TextDecoder decodes that label as ISO-8859-1 (0x80 comes out as
// U+0080, not €), so it comes from the encoder library's table like the DOS pages.
const WHATWG_LABELS: Partial<Record<Codepage, string>> = {
  cp866: 'ibm866',
  windows1250: 'windows-1250',
  windows1251: 'windows-1251',
  windows1253: 'windows-1253',
  windows1254: 'windows-1254',
  windows1255: 'windows-1255',
  windows1256: 'windows-1256',
  windows1257: 'windows-1257',
  windows1258: 'windows-1258',
  'iso8859-7': 'iso-8859-7',
  'iso8859-15': 'iso-8859-15',
};

const tables = new Map<Codepage, string[]>();

function tableFromTextDecoder(label: string): string[] {
  const decoder = new TextDecoder(label);
  const table: string[] = [];
  for (let byte = 0; byte < 256; byte++) table.push(decoder.decode(Uint8Array.of(byte)));
  return table;
}

function tableFromCodepageEncoder(codepage: Codepage): string[] {
  return CodepageEncoder.getEncoding(codepage).codepoints.map((codepoint) => String.fromCodePoint(codepoint));
}

/** 256 strings, one per byte. Bytes below 0x20 are control codes, never text, on a printer. */
export function codepageTable(codepage: Codepage): string[] {
  let table = tables.get(codepage);
  if (!table) {
    const label = WHATWG_LABELS[codepage];
    table = label ? tableFromTextDecoder(label) : tableFromCodepageEncoder(codepage);
    for (let byte = 0; byte < 0x80; byte++) table[byte] = String.fromCharCode(byte);
    tables.set(codepage, table);
  }
  return table;
}

export function decodeBytes(bytes: ArrayLike<number>, codepage: Codepage): string {
  const table = codepageTable(codepage);
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += table[bytes[i]!] ?? '\ufffd';
  return text;
}
