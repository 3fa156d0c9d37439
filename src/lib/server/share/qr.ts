import QRCode from 'qrcode';

/**
 * A QR code for a poster on the notice board, drawn on the server as SVG: the
 * page needs no script and asks no other website for an image. Hidden from
 * screen readers: the poster prints the same address as text beside it.
 */
export async function qrSvg(text: string): Promise<string> {
	const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	return svg.replace(/^<svg /, '<svg aria-hidden="true" focusable="false" class="qr" ');
}
