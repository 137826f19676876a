package ee.datahub.enquiryhub.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP/1.1 written by hand over a socket, for requests no well-behaved client library would send
 * (backslashes, {@code /../} or {@code %00} in a path, a forged {@code Host}, oversized headers).
 */
public final class RawHttp {

    /** An answer: status, headers (lower-case names) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {}

    private RawHttp() {}

    /** Sends {@code method target} with the given extra header lines; the connection is closed after the answer. */
    public static Answer send(int port, String method, String target, String... headerLines) {
        var request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean hostGiven = false;
        for (var line : headerLines) {
            hostGiven |= line.regionMatches(true, 0, "Host:", 0, 5);
            request.append(line).append("\r\n");
        }
        if (!hostGiven) {
            request.append("Host: localhost:").append(port).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return exchange(port, request.toString());
    }

    /** Sends the text as it is. */
    public static Answer exchange(int port, String request) {
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            var bytes = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(bytes);
            // parsed byte for byte (chunk sizes count bytes), the body read as UTF-8 after
            return parse(bytes.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        var head = end < 0 ? text : text.substring(0, end);
        var body = end < 0 ? "" : text.substring(end + 4);
        var lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(),
                        lines[i].substring(colon + 1).trim());
            }
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunked(body);
        }
        return new Answer(
                status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunked(String body) {
        var result = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size =
                    Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            result.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return result.toString();
    }
}
