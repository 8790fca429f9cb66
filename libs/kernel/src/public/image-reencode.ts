import sharp from 'sharp';

/**
 * Complaint images are decoded and encoded again before they are stored: what is kept is only the pixels, so
 * anything a polyglot hid in the file (appended data, markup in a comment or a metadata chunk, another file) is gone,
 * and so is EXIF (a phone photo's location). sharp (libvips) is the maintained codec for Node; a file it cannot
 * decode as the declared type is refused. The pixel limit stops decompression bombs long before memory runs out.
 */
const MAX_PIXELS = 40_000_000;

export type ReencodeResult = { ok: true; bytes: Buffer } | { ok: false; zh: string; en: string };

export async function reencodeImage(bytes: Buffer, type: 'image/jpeg' | 'image/png'): Promise<ReencodeResult> {
  const expected = type === 'image/jpeg' ? 'jpeg' : 'png';
  try {
    // rotate() applies the EXIF orientation before the metadata is dropped, so the picture stays upright.
    const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' });
    const { format } = await image.metadata();
    if (format !== expected)
      return { ok: false, zh: `图片实际格式与声明的类型不符`, en: `The image is not a ${expected}` };
    const out =
      type === 'image/jpeg'
        ? await image.rotate().jpeg({ quality: 85 }).toBuffer()
        : await image.rotate().png({ compressionLevel: 9 }).toBuffer();
    return { ok: true, bytes: out };
  } catch {
    return { ok: false, zh: '图片无法解码（文件损坏、过大或不是图片）', en: 'The image cannot be decoded' };
  }
}
