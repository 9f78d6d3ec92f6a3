package dev.geminilive.emulator;

import dev.geminilive.emulator.audio.EnergyVad;
import dev.geminilive.emulator.audio.Pcm16;
import dev.geminilive.emulator.brain.UserInput;
import dev.geminilive.protocol.Blob;
import dev.geminilive.protocol.Mime;
import dev.geminilive.protocol.ProtocolException;
import dev.geminilive.protocol.RealtimeInput;

/**
 * Takes realtimeInput: finds the user's speech in the audio, with the energy VAD or between activityStart and
 * activityEnd, remembers video frames, and makes typed text a user input. Speech starting barges in.
 */
final class RealtimeInputHandler {

    private final ConnectionState s;
    private final TurnPlayer player;
    private final Responder responder;
    private final ConnectionLimits limits;
    private EnergyVad vad;
    private boolean inManualActivity;
    private long activityBytes;
    private int activityRate = 16000;

    RealtimeInputHandler(ConnectionState s, TurnPlayer player, Responder responder, ConnectionLimits limits) {
        this.s = s;
        this.player = player;
        this.responder = responder;
        this.limits = limits;
    }

    /** Setup completed: speech detection as it configured. */
    void listen() {
        vad = new EnergyVad(s.opts.vadThreshold(), s.opts.prefixPaddingMs(), s.opts.silenceDurationMs());
    }

    void onRealtimeInput(RealtimeInput in) {
        s.seedOpen = false;
        if (in.mediaChunks() != null) {
            if (!s.opts.model().profile().acceptsMediaChunks()) {
                throw new ProtocolException(CloseReasons.MEDIA_CHUNKS_DEPRECATED, null);
            }
            if (!in.mediaChunks().isEmpty()) { // the proto says only the first chunk is used
                Blob first = in.mediaChunks().get(0);
                if (Mime.isImage(first.mimeType())) {
                    onVideo(first);
                } else {
                    onAudio(first);
                }
            }
        }
        if (in.activityStart() != null) {
            requireManual("activity_start");
            inManualActivity = true;
            activityBytes = 0;
            player.bargeIn();
        }
        if (in.audio() != null) {
            onAudio(in.audio());
        }
        if (in.video() != null) {
            onVideo(in.video());
        }
        if (in.activityEnd() != null) {
            requireManual("activity_end");
            if (inManualActivity) {
                inManualActivity = false;
                responder.userInput(UserInput.audio(Pcm16.millis(activityBytes, activityRate) / 1000.0), false);
            }
        }
        if (Boolean.TRUE.equals(in.audioStreamEnd()) && !s.opts.manualActivity()) {
            vad.flush().forEach(this::onVad);
        }
        if (in.text() != null) {
            responder.userInput(UserInput.text(in.text()), false);
        }
    }

    private void requireManual(String what) {
        if (!s.opts.manualActivity()) {
            throw ConnectionState.invalidArgument(what + " requires realtime_input_config.automatic_activity_detection.disabled=true.");
        }
    }

    private void onAudio(Blob audio) {
        int rate = audio.sampleRate(16000);
        byte[] data = audio.data() == null ? new byte[0] : audio.data();
        s.view.countAudio(data.length);
        s.core.conversations.audio(s.conversationId, s.view.id(), s.clientIndex, rate, data);
        if (s.opts.manualActivity()) {
            if (inManualActivity) {
                activityBytes += data.length;
                activityRate = rate;
            }
            return;
        }
        vad.feed(data, rate).forEach(this::onVad);
    }

    private void onVad(EnergyVad.Event event) {
        if (event instanceof EnergyVad.SpeechStarted) {
            player.bargeIn();
        } else if (event instanceof EnergyVad.SpeechEnded end) {
            responder.userInput(UserInput.audio(end.speechMs() / 1000.0), false);
        }
    }

    private void onVideo(Blob video) {
        s.memory.addImage(Mime.baseType(video.mimeType()));
        limits.sawVideo();
    }
}
