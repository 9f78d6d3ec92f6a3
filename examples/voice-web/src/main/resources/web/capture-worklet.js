// Runs in the microphone's AudioContext (16 kHz): turns float samples into 16-bit PCM and posts 40 ms chunks.
class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.chunk = new Int16Array(640); // 40 ms at 16 kHz
    this.filled = 0;
    this.sumSquares = 0;
  }

  process(inputs) {
    const input = inputs[0];
    if (input && input[0]) {
      const samples = input[0];
      for (let i = 0; i < samples.length; i++) {
        const s = Math.max(-1, Math.min(1, samples[i]));
        this.sumSquares += s * s;
        this.chunk[this.filled++] = s < 0 ? s * 0x8000 : s * 0x7fff;
        if (this.filled === this.chunk.length) {
          const level = Math.sqrt(this.sumSquares / this.chunk.length);
          this.port.postMessage({ pcm: this.chunk.buffer, level }, [this.chunk.buffer]);
          this.chunk = new Int16Array(640);
          this.filled = 0;
          this.sumSquares = 0;
        }
      }
    }
    return true;
  }
}

registerProcessor('capture-processor', CaptureProcessor);
