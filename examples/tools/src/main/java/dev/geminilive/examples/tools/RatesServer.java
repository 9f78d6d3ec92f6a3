package dev.geminilive.examples.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** A small HTTP service on 127.0.0.1 that answers exchange-rate questions posted as JSON. */
public final class RatesServer implements AutoCloseable {

    private static final Map<String, Double> PER_EUR = Map.of("EUR", 1.0, "USD", 1.08, "GBP", 0.85, "JPY", 162.0);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private RatesServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free loopback port. */
    public static RatesServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/rates", exchange -> {
            try (exchange) {
                Map<?, ?> request = JSON.readValue(exchange.getRequestBody(), Map.class);
                Double from = PER_EUR.get(String.valueOf(request.get("from")));
                Double to = PER_EUR.get(String.valueOf(request.get("to")));
                byte[] body;
                int status;
                if (from == null || to == null) {
                    status = 404;
                    body = "{\"error\":\"unknown currency\"}".getBytes(StandardCharsets.UTF_8);
                } else {
                    status = 200;
                    body = JSON.writeValueAsBytes(Map.of("from", request.get("from"), "to", request.get("to"),
                            "rate", Math.round(to / from * 10000) / 10000.0));
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return new RatesServer(server);
    }

    /** @return the URL of the rates resource */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/rates";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
