/**
 * QR codes of personal links (npm qrcode): SVG for the PDF letters, PNG for Word. Error
 * correction level M (15 %): a printed letter may get a crease or a stain.
 */
import QRCode from 'qrcode';

const options = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** The code as an SVG element (path data only: no text of the link inside). */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...options, type: 'svg' });
}

/** The code as PNG bytes, `pixels` wide. */
export async function qrPng(text: string, pixels = 300): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...options, type: 'png', width: pixels });
}
