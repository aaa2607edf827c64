package io.oktaconnector.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One request over a raw socket, to see exactly what went on the wire (header case, resets). */
final class RawHttp {
    /** What came back: all bytes read, and the exception that ended reading (null for a clean EOF). */
    record Result(byte[] bytes, IOException error) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        String head() {
            String t = text();
            int end = t.indexOf("\r\n\r\n");
            return end < 0 ? t : t.substring(0, end);
        }

        String body() {
            String t = text();
            int end = t.indexOf("\r\n\r\n");
            return end < 0 ? "" : t.substring(end + 4);
        }

        /** Header lines exactly as sent (name: value). */
        List<String> headerLines() {
            String[] lines = head().split("\r\n");
            List<String> out = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                out.add(lines[i]);
            }
            return out;
        }

        int status() {
            String h = head();
            return h.startsWith("HTTP/1.1 ") ? Integer.parseInt(h.substring(9, 12)) : 0;
        }
    }

    private RawHttp() {
    }

    static Result exchange(OktaSimulator sim, String method, String target, String body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), sim.port())) {
            s.setSoTimeout(10_000);
            byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: SSWS " + sim.token()
                    + "\r\nAccept: application/json\r\nConnection: close\r\n"
                    + (body != null || method.equals("POST") || method.equals("PUT")
                    ? "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\n" : "")
                    + "\r\n";
            s.getOutputStream().write(req.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().write(b);
            s.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) != -1) {
                    out.write(buf, 0, n);
                }
                return new Result(out.toByteArray(), null);
            } catch (IOException e) {
                return new Result(out.toByteArray(), e);
            }
        }
    }
}
