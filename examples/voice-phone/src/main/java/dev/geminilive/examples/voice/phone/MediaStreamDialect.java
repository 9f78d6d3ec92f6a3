package dev.geminilive.examples.voice.phone;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON envelopes of telephony media streams differ in a few names: Twilio Media Streams say {@code streamSid} and
 * {@code start.mediaFormat.encoding = audio/x-mulaw}; Telnyx says {@code stream_id} and
 * {@code start.media_format.encoding = PCMU}. Events ({@code start}, {@code media}, {@code mark}, {@code stop},
 * {@code clear}) and the base64 {@code media.payload} are the same. The dialect is chosen from the {@code start} event,
 * and replies use the same names.
 */
enum MediaStreamDialect {
    TWILIO("streamSid", "mediaFormat", "sampleRate"),
    TELNYX("stream_id", "media_format", "sample_rate");

    final String streamIdField;
    final String formatField;
    final String rateField;

    MediaStreamDialect(String streamIdField, String formatField, String rateField) {
        this.streamIdField = streamIdField;
        this.formatField = formatField;
        this.rateField = rateField;
    }

    /** @return the dialect of a {@code start} event */
    static MediaStreamDialect of(JsonNode start) {
        return start.hasNonNull("stream_id") || start.path("start").has("media_format") ? TELNYX : TWILIO;
    }

    /** @return the stream id of an event */
    String streamId(JsonNode event) {
        String id = event.path(streamIdField).asText(null);
        return id != null ? id : event.path("start").path(streamIdField).asText(null);
    }

    /** @return whether the stream is 8 kHz G.711 μ-law, the only format this gateway speaks */
    boolean isMuLaw8k(JsonNode start) {
        JsonNode format = start.path("start").path(formatField);
        if (format.isMissingNode()) {
            return true; // providers that send no format send μ-law
        }
        String encoding = format.path("encoding").asText("");
        int rate = format.path(rateField).asInt(8000);
        return rate == 8000 && (encoding.equalsIgnoreCase("audio/x-mulaw") || encoding.equalsIgnoreCase("PCMU"));
    }
}
