/**
 * Text from outside (form fields, tokens, imported files) as we keep it: in
 * Unicode NFC (an "é" is stored one way, whatever the keyboard sent), with
 * line ends as `\n`, without spaces around it.
 *
 * Null when it holds a character that has no place in it: a control character
 * (NUL cannot even be stored, CR/LF would break out of a calendar line or a
 * mail header), except line breaks and tabs in long text (`'long'`: the
 * fields people write paragraphs in). Broken UTF-16 is refused as well.
 */
export function cleanText(value: string, kind: 'line' | 'long'): string | null {
	const text = value.replace(/\r\n?/g, '\n');
	if (!text.isWellFormed() || (kind === 'long' ? LONG_FORBIDDEN : LINE_FORBIDDEN).test(text)) return null;
	return text.normalize('NFC').trim();
}

const LINE_FORBIDDEN = /\p{Cc}/u;
const LONG_FORBIDDEN = /[^\P{Cc}\n\t]/u;
