import * as Y from 'yjs';

/**
 * Whether an update from a hub may be applied: it must decode, and every struct that names a root
 * type must name one of the document's layout roots (`orders` in a day document, `menuItems` in a
 * config document). A struct nested in another struct inherits that struct's root, so checking the
 * named roots is enough. Decoding reads only the update itself (not the document), so the check
 * costs the update's size, not the document's. Returns null when fine, else the reason.
 */
export function checkUpdate(update: Uint8Array, format: 'v1' | 'v2', allowedRoots: ReadonlySet<string>): string | null {
  if (update.byteLength === 0) return 'the update is empty';
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = format === 'v2' ? Y.decodeUpdateV2(update) : Y.decodeUpdate(update);
  } catch {
    return `the update does not decode as a Yjs ${format.toUpperCase()} update`;
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const parent = struct.parent as unknown;
    if (typeof parent === 'string') {
      if (!allowedRoots.has(parent)) {
        return `the update writes "${parent.slice(0, 80)}", which is not part of this document (only ${[...allowedRoots].join(', ')})`;
      }
      // Every root is a map: content without a key would be list or text content no reader sees.
      if (struct.parentSub === null) return `the update writes list content into "${parent}", which is a map`;
    }
    if (struct.content instanceof Y.ContentDoc) return 'the update holds a sub-document, which this layout never uses';
  }
  return null;
}
