// The voice page: microphone at 16 kHz to the gateway, the model's 24 kHz speech back through a jitter buffer, optional
// camera frames at one a second, a live transcript and the connection status. The page never sees the API key: it
// only talks to the gateway that served it.
const AUDIO = 1;
const IMAGE = 2;
const FRAME_INTERVAL_MS = 1000;
// The page's own barge-in: Gemini generates faster than it speaks, so it may have finished an answer that is still
// playing, and then has nothing to interrupt. Speech this loud (about -30 dBFS after the browser's echo cancellation)
// for this many 40 ms chunks while an answer plays stops it here.
const BARGE_IN_LEVEL = 0.03;
const BARGE_IN_CHUNKS = 3;

const $ = (id) => document.getElementById(id);
const ui = {
  status: $('status'), start: $('start'), stop: $('stop'), camera: $('camera'), preview: $('preview'),
  micLevel: $('micLevel'), outLevel: $('outLevel'), sent: $('sent'), played: $('played'), buffered: $('buffered'),
  frames: $('frames'), transcript: $('transcript'),
};

let ws = null;
let mic = null;      // { context, stream, node }
let speaker = null;  // { context, node }
let camera = null;   // { stream, timer, canvas }
let sentBytes = 0;
let receivedBytes = 0;
let clears = 0;
let clearedMs = 0;
let queuedMs = 0;
let voicedChunks = 0;
let framesSent = 0;
let line = { user: null, model: null };
let lastModelLine = null; // the answer that may still be playing after its turn is complete

function setStatus(status, detail) {
  ui.status.textContent = detail ? `${status}: ${detail}` : status;
  ui.status.dataset.status = status;
  ui.status.className = `status ${status}`;
}

function addTranscript(role, text) {
  if (!line[role]) {
    line[role] = document.createElement('li');
    line[role].className = role;
    if (role === 'model') {
      lastModelLine = line[role];
    }
    line[role].textContent = role === 'user' ? 'You: ' : 'Gemini: ';
    ui.transcript.appendChild(line[role]);
  }
  line[role].textContent += text;
  line[role].scrollIntoView({ block: 'nearest' });
}

function send(kind, bytes) {
  if (!ws || ws.readyState !== WebSocket.OPEN) {
    return;
  }
  const message = new Uint8Array(bytes.byteLength + 1);
  message[0] = kind;
  message.set(new Uint8Array(bytes), 1);
  ws.send(message.buffer);
}

async function startSpeaker() {
  const context = new AudioContext({ sampleRate: 24000 });
  await context.audioWorklet.addModule('playback-worklet.js');
  const node = new AudioWorkletNode(context, 'playback-processor', { outputChannelCount: [1] });
  node.port.onmessage = (e) => {
    ui.played.dataset.ms = Math.round(e.data.played / 24);
    ui.played.textContent = `${(e.data.played / 24000).toFixed(1)} s played`;
    queuedMs = Math.round(e.data.queued / 24);
    ui.buffered.dataset.ms = queuedMs;
    ui.buffered.textContent = `${Math.round(e.data.queued / 24)} ms`;
    ui.outLevel.value = Math.min(1, e.data.level * 4);
    if (e.data.cleared !== undefined) {
      clears++;
      clearedMs += Math.round(e.data.cleared / 24);
      ui.buffered.dataset.clears = clears;
      ui.buffered.dataset.clearedMs = clearedMs;
    }
  };
  node.connect(context.destination);
  await context.resume();
  speaker = { context, node };
}

async function startMicrophone() {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
  // the context runs at 16 kHz, so the browser resamples the microphone to what the Live API takes
  const context = new AudioContext({ sampleRate: 16000 });
  await context.audioWorklet.addModule('capture-worklet.js');
  const source = context.createMediaStreamSource(stream);
  const node = new AudioWorkletNode(context, 'capture-processor');
  node.port.onmessage = (e) => {
    send(AUDIO, e.data.pcm);
    sentBytes += e.data.pcm.byteLength;
    ui.sent.dataset.bytes = sentBytes;
    ui.sent.textContent = `${(sentBytes / 32000).toFixed(1)} s sent`;
    ui.micLevel.value = Math.min(1, e.data.level * 4);
    voicedChunks = e.data.level > BARGE_IN_LEVEL ? voicedChunks + 1 : 0;
    if (voicedChunks === BARGE_IN_CHUNKS && queuedMs > 0) {
      stopPlayback(lastModelLine);
    }
  };
  source.connect(node);
  await context.resume();
  mic = { context, stream, node };
}

async function startCamera() {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  ui.preview.srcObject = stream;
  await ui.preview.play();
  const canvas = document.createElement('canvas');
  const timer = setInterval(() => {
    const w = ui.preview.videoWidth;
    const h = ui.preview.videoHeight;
    if (!w || !h) {
      return;
    }
    const scale = Math.min(1, 640 / w);
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    canvas.getContext('2d').drawImage(ui.preview, 0, 0, canvas.width, canvas.height);
    canvas.toBlob(async (blob) => {
      if (blob) {
        send(IMAGE, await blob.arrayBuffer());
        framesSent++;
        ui.frames.dataset.count = framesSent;
        ui.frames.textContent = `${framesSent} frames`;
      }
    }, 'image/jpeg', 0.7);
  }, FRAME_INTERVAL_MS);
  camera = { stream, timer };
}

function onEvent(event) {
  switch (event.type) {
    case 'transcript':
      addTranscript(event.role, event.text);
      break;
    case 'interrupted':
      // barge-in: the user talks over the answer, so what is still queued must not be heard
      stopPlayback(line.model);
      break;
    case 'turnComplete':
      line = { user: null, model: null };
      break;
    case 'status':
      if (event.status === 'error' || event.status === 'disconnected') {
        setStatus(event.status, event.detail);
      } else if (event.status === 'connected' || event.status === 'reconnected') {
        setStatus('connected'); // the gateway's Live session is open
      }
      break;
    default:
      break;
  }
}

function stopPlayback(cutLine) {
  speaker?.node.port.postMessage({ clear: true });
  queuedMs = 0;
  cutLine?.classList.add('interrupted');
  if (cutLine === line.model) {
    line.model = null;
  }
}

async function start() {
  ui.start.disabled = true;
  setStatus('connecting');
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  ws = new WebSocket(`${scheme}://${location.host}/live`);
  ws.binaryType = 'arraybuffer';
  ws.onmessage = (e) => {
    if (typeof e.data === 'string') {
      onEvent(JSON.parse(e.data));
    } else {
      receivedBytes += e.data.byteLength;
      ui.played.dataset.receivedMs = Math.round(receivedBytes / 48);
      speaker?.node.port.postMessage({ pcm: e.data }, [e.data]);
    }
  };
  ws.onclose = () => {
    setStatus('disconnected');
    stop();
  };
  try {
    // media starts once the gateway is there, so no word is spoken into a closed connection
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = () => reject(new Error('connection failed'));
    });
    ws.onerror = () => setStatus('error', 'connection failed');
    await startSpeaker();
    await startMicrophone();
    if (ui.camera.checked) {
      await startCamera();
    }
  } catch (e) {
    setStatus('error', e.message);
    stop();
    return;
  }
  ui.stop.disabled = false;
}

function stop() {
  if (ws && ws.readyState === WebSocket.OPEN) {
    ws.close(1000, 'bye');
  }
  ws = null;
  if (camera) {
    clearInterval(camera.timer);
    camera.stream.getTracks().forEach((t) => t.stop());
    camera = null;
  }
  if (mic) {
    mic.stream.getTracks().forEach((t) => t.stop());
    mic.context.close();
    mic = null;
  }
  if (speaker) {
    speaker.context.close();
    speaker = null;
  }
  ui.start.disabled = false;
  ui.stop.disabled = true;
}

ui.start.addEventListener('click', start);
ui.stop.addEventListener('click', stop);
