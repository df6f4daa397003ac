/**
 * The eSIM activation code of GSMA SGP.22 (section 4.1): `LPA:1$<SM-DP+ address>$<matching id>`, made
 * from the `lpa` and `matching_id` of Airalo's order answer. The code becomes a QR code, an iOS link and
 * text a buyer types, so a part that carries a `$`, a space or a control character would make a code that
 * points a phone at another server or simply fails on the phone, after the money is taken. Such parts
 * are refused here, before anything is shown.
 */

export const LPA_PREFIX = 'LPA:1$';

/** SGP.22 caps the whole activation code at 255 characters (what fits a phone's scanner and field). */
export const MAX_ACTIVATION_CODE_LENGTH = 255;

/** Apple's page that installs an eSIM from its activation code (iOS 17.4 and later). */
export const APPLE_INSTALL_URL = 'https://esimsetup.apple.com/esim_qrcode_provisioning';

export interface ActivationCode {
  /** The `LPA:1$…` text the QR code carries. */
  code: string;
  smdpAddress: string;
  matchingId: string;
}

export type LpaRefusalCode = 'empty_part' | 'invalid_smdp_address' | 'invalid_matching_id' | 'code_too_long' | 'not_an_activation_code';

export type LpaResult<T> = { ok: true; value: T } | { ok: false; code: LpaRefusalCode; message: string };

// A host name in ASCII (an internationalised one arrives as punycode), with an optional port. No path,
// no user part, no `$`: the SM-DP+ address is a bare FQDN in SGP.22.
const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const SMDP_ADDRESS = new RegExp(`^${HOST_LABEL}(?:\\.${HOST_LABEL})*(?::[0-9]{1,5})?$`);
// Printable ASCII without the space and without `$`, the separator. SGP.22 asks SM-DP+ servers for
// upper-case letters, digits and '-', but operators use more; anything printable and unambiguous passes.
const MATCHING_ID = /^[!-#%-~]+$/;

/** Checks Airalo's `lpa` and `matching_id` and joins them into the activation code. */
export function buildActivationCode(smdpAddress: string, matchingId: string): LpaResult<ActivationCode> {
  if (smdpAddress === '') return refuse('empty_part', 'The eSIM answer has no SM-DP+ address, so no activation code can be made.');
  if (matchingId === '') return refuse('empty_part', 'The eSIM answer has no matching id, so no activation code can be made.');
  if (!SMDP_ADDRESS.test(smdpAddress) || smdpAddress.length > 253) {
    return refuse('invalid_smdp_address', `The SM-DP+ address ${quote(smdpAddress)} is not a plain host name, so it cannot go in an activation code.`);
  }
  if (!MATCHING_ID.test(matchingId)) {
    return refuse('invalid_matching_id', `The matching id ${quote(matchingId)} has a space, a "$", a control or a non-ASCII character, so it cannot go in an activation code.`);
  }
  const code = `${LPA_PREFIX}${smdpAddress}$${matchingId}`;
  if (code.length > MAX_ACTIVATION_CODE_LENGTH) {
    return refuse('code_too_long', `The activation code would be ${code.length} characters; phones accept at most ${MAX_ACTIVATION_CODE_LENGTH}.`);
  }
  return { ok: true, value: { code, smdpAddress, matchingId } };
}

/**
 * Reads an `LPA:1$<address>$<matching id>` code (Airalo's `qrcode`, say) and checks it the same way.
 * The optional SGP.22 fields after the matching id (SM-DP+ OID, confirmation-code flag) are not used by
 * Airalo and are refused rather than dropped, so a code is never shown shorter than it was.
 */
export function parseActivationCode(text: string): LpaResult<ActivationCode> {
  if (!text.startsWith(LPA_PREFIX)) return refuse('not_an_activation_code', `${quote(text)} does not start with "${LPA_PREFIX}".`);
  const parts = text.slice(LPA_PREFIX.length).split('$');
  if (parts.length !== 2) return refuse('not_an_activation_code', `${quote(text)} should have exactly an SM-DP+ address and a matching id after "${LPA_PREFIX}".`);
  return buildActivationCode(parts[0]!, parts[1]!);
}

/** The link that installs the eSIM on an iPhone in one tap; the whole code is URL-encoded. */
export function appleInstallLink(activation: ActivationCode): string {
  return `${APPLE_INSTALL_URL}?carddata=${encodeURIComponent(activation.code)}`;
}

export interface ManualCodes {
  /** "SM-DP+ Address" on iOS and on Android. */
  smdpAddress: string;
  /** iOS asks for the matching id alone ("Activation Code"). */
  iosActivationCode: string;
  /** Android's "Enter activation code" takes the whole `LPA:1$…` code. */
  androidActivationCode: string;
}

/** What a buyer types when the QR code cannot be scanned (the camera is the phone being set up). */
export function manualCodes(activation: ActivationCode): ManualCodes {
  return { smdpAddress: activation.smdpAddress, iosActivationCode: activation.matchingId, androidActivationCode: activation.code };
}

function refuse<T>(code: LpaRefusalCode, message: string): LpaResult<T> {
  return { ok: false, code, message };
}

// A refused part goes into a message a person reads (and a log): shown JSON-escaped so control
// characters are visible, and cut short so a huge answer cannot flood either.
function quote(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(shown);
}
