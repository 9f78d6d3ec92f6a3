package dev.geminilive.examples.voice.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The start events of Twilio Media Streams and Telnyx, as their documentation shows them. */
class MediaStreamDialectTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twilioStart() throws Exception {
        JsonNode start = JSON.readTree("""
                {"event":"start","sequenceNumber":"1","start":{"accountSid":"AC1","streamSid":"MZ1","callSid":"CA1",
                 "tracks":["inbound"],"customParameters":{},"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}},
                 "streamSid":"MZ1"}""");
        MediaStreamDialect d = MediaStreamDialect.of(start);
        assertEquals(MediaStreamDialect.TWILIO, d);
        assertEquals("MZ1", d.streamId(start));
        assertTrue(d.isMuLaw8k(start));
        assertEquals("streamSid", d.streamIdField);
    }

    @Test
    void telnyxStart() throws Exception {
        JsonNode start = JSON.readTree("""
                {"event":"start","sequence_number":"1","start":{"user_id":"u","call_control_id":"v3:abc","client_state":"",
                 "media_format":{"encoding":"PCMU","sample_rate":8000,"channels":1}},"stream_id":"32de0dea-53cb-4b21-89a4-9f8e1c1b5f6e"}""");
        MediaStreamDialect d = MediaStreamDialect.of(start);
        assertEquals(MediaStreamDialect.TELNYX, d);
        assertEquals("32de0dea-53cb-4b21-89a4-9f8e1c1b5f6e", d.streamId(start));
        assertTrue(d.isMuLaw8k(start));
        assertEquals("stream_id", d.streamIdField);
    }

    @Test
    void refusesOtherFormats() throws Exception {
        assertFalse(MediaStreamDialect.TELNYX.isMuLaw8k(JSON.readTree(
                "{\"start\":{\"media_format\":{\"encoding\":\"L16\",\"sample_rate\":16000,\"channels\":1}},\"stream_id\":\"s\"}")));
        assertFalse(MediaStreamDialect.TWILIO.isMuLaw8k(JSON.readTree(
                "{\"start\":{\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":16000}},\"streamSid\":\"s\"}")));
        assertFalse(MediaStreamDialect.TELNYX.isMuLaw8k(JSON.readTree(
                "{\"start\":{\"media_format\":{\"encoding\":\"PCMA\",\"sample_rate\":8000}},\"stream_id\":\"s\"}")));
    }
}
