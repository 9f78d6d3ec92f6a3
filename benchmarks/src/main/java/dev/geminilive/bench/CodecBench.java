package dev.geminilive.bench;

import dev.geminilive.protocol.Blob;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.Content;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.Part;
import dev.geminilive.protocol.ServerContent;
import dev.geminilive.protocol.ServerMessage;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-frame paths: {@link LiveCodec} encoding what a client sends (a 100 ms audio chunk, a text turn) and decoding
 * what it receives (a 100 ms chunk of 24 kHz reply audio, a text piece), and base64 of a 100 ms chunk with the JDK and
 * with commons-codec.
 */
@State(Scope.Thread)
public class CodecBench {

    private LiveCodec codec;
    private ClientMessage audioChunk;
    private ClientMessage textTurn;
    private byte[] serverAudioFrame;
    private byte[] serverTextFrame;
    private byte[] pcm;
    private String pcmBase64;

    /** Builds the frames once; random PCM so that nothing compresses or caches specially. */
    @Setup
    public void setUp() {
        codec = LiveCodec.lenient();
        Random r = new Random(1);
        pcm = new byte[3200];
        r.nextBytes(pcm);
        pcmBase64 = Base64.getEncoder().encodeToString(pcm);
        audioChunk = ClientMessage.audio("audio/pcm;rate=16000", pcm);
        textTurn = ClientMessage.realtimeText("What is the weather in Paris tomorrow?");
        byte[] reply = new byte[4800];
        r.nextBytes(reply);
        serverAudioFrame = codec.encodeBytes(ServerMessage.of(ServerContent.ofModelTurn(
                new Content("model", List.of(Part.ofInlineData(new Blob("audio/pcm;rate=24000", reply)))))));
        serverTextFrame = codec.encodeBytes(ServerMessage.of(ServerContent.ofModelTurn(Content.model("You said: What is "))));
    }

    /** @return a client audio frame's JSON */
    @Benchmark
    public String encodeAudio() {
        return codec.encode(audioChunk);
    }

    /** @return a client text frame's JSON */
    @Benchmark
    public String encodeText() {
        return codec.encode(textTurn);
    }

    /** @return a decoded server audio frame */
    @Benchmark
    public ServerMessage decodeAudio() {
        return codec.decodeServer(serverAudioFrame);
    }

    /** @return a decoded server text frame */
    @Benchmark
    public ServerMessage decodeText() {
        return codec.decodeServer(serverTextFrame);
    }

    /** @return 100 ms of 16 kHz PCM in base64, JDK */
    @Benchmark
    public String base64EncodeJdk() {
        return Base64.getEncoder().encodeToString(pcm);
    }

    /** @return 100 ms of 16 kHz PCM in base64, commons-codec */
    @Benchmark
    public String base64EncodeCommonsCodec() {
        return org.apache.commons.codec.binary.Base64.encodeBase64String(pcm);
    }

    /** @return the PCM back from base64, JDK */
    @Benchmark
    public byte[] base64DecodeJdk() {
        return Base64.getDecoder().decode(pcmBase64);
    }

    /** @return the PCM back from base64, commons-codec */
    @Benchmark
    public byte[] base64DecodeCommonsCodec() {
        return org.apache.commons.codec.binary.Base64.decodeBase64(pcmBase64);
    }
}
