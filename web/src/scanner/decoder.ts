// QR decoding: the browser's own BarcodeDetector where it can read QR codes (Chrome on
// Android, macOS, ChromeOS), else ZXing-C++ compiled to WebAssembly, which is only downloaded
// on those browsers (its ~1 MB never reaches a phone that has a native detector).

export interface Decoder {
  kind: 'native' | 'wasm';
  detect(source: ImageBitmapSource): Promise<string[]>;
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorCtor {
  new (options?: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  const ctor = (globalThis as unknown as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  if (!ctor || new URLSearchParams(location.search).get('decoder') === 'wasm') return null;
  try {
    const formats = await ctor.getSupportedFormats();
    return formats.includes('qr_code') ? new ctor({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

let pending: Promise<Decoder> | null = null;

export function createDecoder(): Promise<Decoder> {
  pending ??= (async () => {
    const native = await nativeDetector();
    if (native) {
      return { kind: 'native' as const, detect: async (s: ImageBitmapSource) => (await native.detect(s)).map((b) => b.rawValue) };
    }
    const { wasmDetector } = await import('./wasm_decoder');
    const wasm = await wasmDetector();
    return { kind: 'wasm' as const, detect: async (s: ImageBitmapSource) => (await wasm.detect(s)).map((b) => b.rawValue) };
  })();
  pending.catch(() => (pending = null));
  return pending;
}
