// Runs in the speaker's AudioContext (24 kHz): plays the model's 16-bit PCM through a jitter buffer.
// Playback starts once PREBUFFER samples are queued, and goes back to buffering when the queue runs dry, so network
// jitter makes a short pause instead of crackles. What is queued also starts when no more audio has come for as long
// as PREBUFFER lasts, so the end of an answer is never stuck below the threshold. {clear: true} drops everything queued
// at once (barge-in).
const PREBUFFER = 2400; // 100 ms at 24 kHz

class PlaybackProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.queue = [];
    this.offset = 0;
    this.queued = 0;
    this.playing = false;
    this.played = 0;
    this.sinceReport = 0;
    this.sumSquares = 0;
    this.sinceData = 0;
    this.port.onmessage = (e) => {
      if (e.data.clear) {
        const dropped = this.queued;
        this.queue = [];
        this.offset = 0;
        this.queued = 0;
        this.playing = false;
        this.port.postMessage({ played: this.played, queued: 0, level: 0, cleared: dropped });
        return;
      }
      const pcm = new Int16Array(e.data.pcm);
      const samples = new Float32Array(pcm.length);
      for (let i = 0; i < pcm.length; i++) {
        samples[i] = pcm[i] / 0x8000;
      }
      this.queue.push(samples);
      this.queued += samples.length;
      this.sinceData = 0;
    };
  }

  process(inputs, outputs) {
    const out = outputs[0][0];
    this.sinceData += out.length;
    if (!this.playing && (this.queued >= PREBUFFER || (this.queued > 0 && this.sinceData >= PREBUFFER))) {
      this.playing = true;
    }
    let i = 0;
    if (this.playing) {
      while (i < out.length && this.queue.length > 0) {
        const head = this.queue[0];
        const n = Math.min(out.length - i, head.length - this.offset);
        for (let k = 0; k < n; k++) {
          const s = head[this.offset + k];
          out[i + k] = s;
          this.sumSquares += s * s;
        }
        i += n;
        this.offset += n;
        this.queued -= n;
        this.played += n;
        if (this.offset === head.length) {
          this.queue.shift();
          this.offset = 0;
        }
      }
      if (this.queued === 0) {
        this.playing = false; // ran dry: buffer again before resuming
      }
    }
    out.fill(0, i);
    this.sinceReport += out.length;
    if (this.sinceReport >= 2400) {
      this.report();
    }
    return true;
  }

  report() {
    const level = this.sinceReport > 0 ? Math.sqrt(this.sumSquares / this.sinceReport) : 0;
    this.port.postMessage({ played: this.played, queued: this.queued, level });
    this.sinceReport = 0;
    this.sumSquares = 0;
  }
}

registerProcessor('playback-processor', PlaybackProcessor);
