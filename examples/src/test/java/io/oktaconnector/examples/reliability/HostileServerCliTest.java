package io.oktaconnector.examples.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The CLI against a server that trickles its answers (issue 13): one byte every 100 ms, which passes every read
 * timeout. {@code RequestTimeoutSeconds} cuts the request off: exit 1, the one {@code error:} line, nothing on stdout,
 * no file left in the output folder. The full hostile-server matrix (trickled bodies, endless lists, duplicates,
 * oversized pages, echoed passwords) runs in-process in {@code connector-okta}'s {@code HostileServerTest}.
 */
class HostileServerCliTest {

    static final String ID = BadInputMatrixTest.ID;
    static final String TOKEN = BadInputMatrixTest.TOKEN;

    @Test
    void answerThatTricklesEndsWithOneErrorLine(@TempDir Path dir) throws Exception {
        try (Trickler server = new Trickler()) {
            Files.writeString(dir.resolve("appsettings.agent.json"), "{\"Connections\":{\"" + ID + "\":{\"Server\":\""
                    + server.baseUrl() + "\",\"ApiKey\":\"" + TOKEN + "\",\"AllowInsecureHttp\":true,"
                    + "\"ReadTimeoutSeconds\":10,\"RequestTimeoutSeconds\":2}}}");
            Files.createDirectories(dir.resolve("out"));
            Files.writeString(dir.resolve("out/" + ID + "_users.csv"), "id\r\nprevious\r\n");
            List<String> before = BadInputMatrixTest.listing(dir);

            BadInputMatrixTest.Run r = assertTimeoutPreemptively(Duration.ofSeconds(40), () -> BadInputMatrixTest.cli(
                    "export", "--settings", dir + "/appsettings.agent.json", "--connection", ID, "--output",
                    dir + "/out"));

            assertThat(r.code()).as("stderr: %s", r.err()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines().toList()).containsExactly("error: GET /api/v1/meta/schemas/user/default on "
                    + server.baseUrl() + ": no complete answer within RequestTimeoutSeconds (2 s); the request was cut"
                    + " off");
            assertThat(r.err()).doesNotContain(TOKEN).doesNotContain("\tat ");
            assertThat(BadInputMatrixTest.listing(dir)).as("no temporary file left").isEqualTo(before);
            assertThat(Files.readString(dir.resolve("out/" + ID + "_users.csv"))).isEqualTo("id\r\nprevious\r\n");
        }
    }

    /** A loopback server that answers every request with a JSON body, one byte per 100 ms, headers included. */
    static final class Trickler implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "trickler");

        Trickler() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    open.add(s);
                    Thread t = new Thread(() -> trickle(s), "trickler-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void trickle(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                // the request's head: up to the empty line
                for (int state = 0; state < 4; ) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    state = (c == '\r' && state % 2 == 0) || (c == '\n' && state % 2 == 1) ? state + 1 : 0;
                }
                String body = "{\"definitions\":{\"base\":{\"properties\":{}},\"custom\":{\"properties\":{}}}}";
                byte[] answer = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
                OutputStream out = s.getOutputStream();
                for (byte b : answer) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // the client cut it off: the point
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
