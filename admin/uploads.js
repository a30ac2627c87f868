// Checks a file in the browser before Decap's media library uploads it, by the same rules as
// `check` (innomed/model/uploads.py; a test keeps the two in step): the type told by the first
// bytes, not the name (no SVG or HTML: they can carry scripts that would run on the site),
// the name's suffix agreeing with it, and size limits. `check` still decides: this only
// spares the editor an upload that would be refused later.
export const MB = 1000000;
export const IMAGE_LIMIT = 2 * MB;
export const FILE_LIMIT = 20 * MB;
const SIGNATURES = {
  png: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  jpeg: [[0xff, 0xd8, 0xff]],
  gif: [[0x47, 0x49, 0x46, 0x38, 0x37, 0x61], [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]],
  webp: [[0x52, 0x49, 0x46, 0x46]],
  pdf: [[0x25, 0x50, 0x44, 0x46, 0x2d]],
  zip: [[0x50, 0x4b, 0x03, 0x04]],
  ole: [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
};
export const KINDS = {
  png: 'png', jpg: 'jpeg', jpeg: 'jpeg', gif: 'gif', webp: 'webp', pdf: 'pdf',
  docx: 'zip', xlsx: 'zip', pptx: 'zip', odt: 'zip', ods: 'zip', odp: 'zip', zip: 'zip',
  doc: 'ole', xls: 'ole', ppt: 'ole', csv: 'text', txt: 'text', md: 'text',
};
const IMAGE_KINDS = ['png', 'jpeg', 'gif', 'webp'];
const NAMES = {
  png: 'et PNG-bilde',
  jpeg: 'et JPEG-bilde',
  gif: 'et GIF-bilde',
  webp: 'et WebP-bilde',
  pdf: 'en PDF',
  zip: 'et Office-dokument eller en zip-fil',
  ole: 'et eldre Office-dokument',
  text: 'ren tekst',
};
const ALLOWED =
  'PNG, JPEG, GIF, WebP, PDF, Word, Excel, PowerPoint, OpenDocument, zip, CSV eller tekst';

function startsWith(head, bytes) {
  return bytes.every((byte, index) => head[index] === byte);
}

export function kindOf(head) {
  for (const [kind, signatures] of Object.entries(SIGNATURES)) {
    if (!signatures.some((bytes) => startsWith(head, bytes))) continue;
    if (kind === 'webp' && String.fromCharCode(...head.slice(8, 12)) !== 'WEBP') continue;
    return kind;
  }
  return null;
}

function isPlainText(head) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head);
  } catch {
    // A character cut off at the end of the sample is not a fault of the file.
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(head.slice(0, head.length - 3));
    } catch {
      return false;
    }
  }
  return !text.includes('\0') && !text.replace(/^[\ufeff \t\r\n]+/, '').startsWith('<');
}

function sizeText(size) {
  return `${(size / MB).toFixed(1).replace('.', ',')} MB`;
}

// Why this file may not be published (Norwegian, with what to do), or null.
export function uploadProblem(name, head, size, image = false) {
  const suffix = name.includes('.') ? name.split('.').pop().toLowerCase() : '';
  const expected = KINDS[suffix];
  if (!expected || (image && !IMAGE_KINDS.includes(expected))) {
    const allowed = image ? 'PNG, JPEG, GIF eller WebP' : ALLOWED;
    return (
      `filen '${name}' har en filtype som ikke kan publiseres (forventet ${allowed}; ` +
      'SVG og HTML kan inneholde skript og publiseres ikke)'
    );
  }
  const found = expected === 'text' && isPlainText(head) ? 'text' : kindOf(head);
  if (found !== expected) {
    return (
      `filen '${name}' er ikke ${NAMES[expected]}, slik navnet sier ` +
      `(forventet ${NAMES[expected]}; lagre filen på nytt i riktig format)`
    );
  }
  const isImage = IMAGE_KINDS.includes(expected);
  const limit = isImage ? IMAGE_LIMIT : FILE_LIMIT;
  if (size > limit) {
    const advice = isImage
      ? 'gjør bildet mindre, for eksempel 2000 piksler bredt, eller lagre det som JPEG'
      : 'del filen opp eller komprimer den';
    return `filen '${name}' er ${sizeText(size)} (forventet høyst ${sizeText(limit)}; ${advice})`;
  }
  return null;
}

// Decap's upload button is an <input type=file> whose change event React handles at its
// root. Listening first (capture, on the window) lets a refused file stop there; an allowed
// one is handed on by firing the event again.
export function guardUploads(win) {
  const checked = new WeakSet();
  win.addEventListener(
    'change',
    async (event) => {
      const input = event.target;
      if (!input || input.type !== 'file' || checked.has(event)) return;
      event.stopImmediatePropagation();
      const image = input.accept === 'image/*';
      const problems = [];
      for (const file of input.files) {
        const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
        const problem = uploadProblem(file.name, head, file.size, image);
        if (problem) problems.push(`Kan ikke laste opp: ${problem}.`);
      }
      if (problems.length) {
        win.alert(problems.join('\n'));
        input.value = '';
        return;
      }
      const again = new Event('change', { bubbles: true });
      checked.add(again);
      input.dispatchEvent(again);
    },
    true,
  );
}
