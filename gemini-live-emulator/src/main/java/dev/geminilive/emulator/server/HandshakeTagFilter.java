package dev.geminilive.emulator.server;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * Sits in front of Tyrus' WebSocket filter. For each upgrade request it collapses repeated slashes in the path (Tyrus
 * matches paths literally), answers 404 for paths that are not Live endpoints, captures headers and query for the
 * endpoint, and tags the request so the endpoint can find them.
 */
final class HandshakeTagFilter extends BaseFilter {

    private static final List<String> SECRET_HEADERS = List.of("x-goog-api-key", "authorization");

    private final HandshakeRegistry registry;
    private final Predicate<String> knownPath;

    HandshakeTagFilter(HandshakeRegistry registry, Predicate<String> knownPath) {
        this.registry = registry;
        this.knownPath = knownPath;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Object message = ctx.getMessage();
        if (!(message instanceof HttpContent content) || !(content.getHttpHeader() instanceof HttpRequestPacket request)) {
            return ctx.getInvokeAction();
        }
        if (!"websocket".equalsIgnoreCase(request.getUpgrade())) {
            return ctx.getInvokeAction();
        }
        String query = request.getQueryString();
        String rawPath = request.getRequestURI();
        String path = PathNormalizer.normalize(rawPath);
        if (!knownPath.test(path)) {
            return notFound(ctx, request);
        }
        request.setRequestURI(path);
        long tag = registry.nextTag();
        Connection<?> connection = ctx.getConnection();
        Map<String, List<String>> query0 = parseQuery(query);
        query0.remove(HandshakeRegistry.TAG_PARAM);
        registry.put(new HandshakeInfo(tag, rawPath, path, headers(request.getHeaders()), query0,
                String.valueOf(connection.getPeerAddress()), connection));
        connection.addCloseListener((closeable, type) -> registry.remove(tag));
        // Tyrus logs session URIs and may trace headers: it only ever sees the tag, never a credential
        request.setQueryString(HandshakeRegistry.TAG_PARAM + "=" + tag);
        for (String secret : SECRET_HEADERS) {
            request.getHeaders().removeHeader(secret);
        }
        return ctx.getInvokeAction();
    }

    private static NextAction notFound(FilterChainContext ctx, HttpRequestPacket request) {
        HttpResponsePacket response = request.getResponse();
        response.setStatus(404);
        response.setReasonPhrase("Not Found");
        response.setContentLength(0);
        response.getHeaders().setValue("Connection").setString("close");
        ctx.write(HttpContent.builder(response).last(true).build());
        ctx.getConnection().closeSilently();
        return ctx.getStopAction();
    }

    static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> out = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static Map<String, List<String>> headers(MimeHeaders headers) {
        Map<String, List<String>> out = new HashMap<>();
        for (String name : headers.names()) {
            List<String> values = new ArrayList<>();
            headers.values(name).forEach(values::add);
            out.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
        }
        return out;
    }
}
