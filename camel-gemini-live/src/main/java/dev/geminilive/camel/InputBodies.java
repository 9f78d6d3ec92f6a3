package dev.geminilive.camel;

import java.io.File;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.protocol.ClientContent;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.Content;
import dev.geminilive.protocol.ContextUpdate;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.ToolResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.WrappedFile;

/**
 * Brings whatever body a route hands over into a type the producer sends. Files stay files (a GenericFile from
 * {@code file:} is unwrapped, so a large recording is streamed from disk, never loaded whole); other bodies go through
 * Camel's type converters to a stream.
 */
final class InputBodies {

    private InputBodies() {
    }

    /** @return the body, unwrapped or converted to an InputStream; the body itself when nothing converts it */
    static Object sendable(Exchange exchange, Object body) {
        if (body == null || isNative(body)) {
            return body;
        }
        if (body instanceof WrappedFile<?> wrapped) {
            Object file = wrapped.getFile();
            if (file instanceof File || file instanceof Path) {
                return file;
            }
            Object content = wrapped.getBody();
            if (content != null && content != body && isNative(content)) {
                return content;
            }
        }
        InputStream stream = exchange.getContext().getTypeConverter().tryConvertTo(InputStream.class, exchange, body);
        return stream != null ? stream : body;
    }

    /** Types the producer maps itself (DESIGN "Producer: exchange → client message"). */
    private static boolean isNative(Object body) {
        return body instanceof CharSequence || body instanceof byte[] || body instanceof ByteBuffer || body instanceof InputStream
               || body instanceof File || body instanceof Path || body instanceof ClientMessage || body instanceof Map
               || body instanceof ToolResponse || body instanceof FunctionResponse || body instanceof ContextUpdate
               || body instanceof ClientContent || body instanceof Content || body instanceof Collection || body instanceof JsonNode;
    }

    /**
     * @return the body's MIME type: the CamelGeminiLiveMimeType header, else the file's extension (the file itself or
     *         Camel's file name header), else an audio, image or text Content-Type header; null when none says
     */
    static String mimeType(Message in, Object body) {
        String header = in.getHeader(GeminiLiveConstants.MIME_TYPE, String.class);
        if (header != null) {
            return header;
        }
        // a stream's name is the file it was read from (file:, ftp: with streamDownload); bytes are sniffed instead
        String name = body instanceof File f ? f.getName() : body instanceof Path p && p.getFileName() != null ? p.getFileName().toString()
                : body instanceof InputStream ? in.getHeader(Exchange.FILE_NAME, String.class) : null;
        String byName = name == null ? null : byExtension(name);
        if (byName != null) {
            return byName;
        }
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null) {
            String lower = contentType.toLowerCase(Locale.ROOT).trim();
            if (lower.startsWith("audio/") || lower.startsWith("image/") || lower.startsWith("text/")) {
                return contentType.trim();
            }
        }
        return null;
    }

    /** @return the MIME type a file name's extension says, for the types the producer sends; null otherwise */
    static String byExtension(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".wav") || name.endsWith(".wave")) {
            return "audio/wav";
        } else if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        } else if (name.endsWith(".png")) {
            return "image/png";
        } else if (name.endsWith(".webp")) {
            return "image/webp";
        } else if (name.endsWith(".txt") || name.endsWith(".md")) {
            return "text/plain";
        }
        return null;
    }
}
