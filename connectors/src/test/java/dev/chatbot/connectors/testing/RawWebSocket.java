package dev.chatbot.connectors.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bare WebSocket client on a plain socket, for frames that well-behaved clients never send: invalid UTF-8,
 * single frames over the size limit, binary frames. Implements just enough of RFC 6455 to do that and to read
 * the server's frames and close code.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final SecureRandom random = new SecureRandom();

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens the connection and completes the handshake; fails if the server does not answer 101. */
    public static RawWebSocket connect(int port, String pathAndQuery) throws IOException {
        return connect(port, pathAndQuery, "localhost:" + port, null);
    }

    /** Connects with a chosen {@code Host} header and, when not null, an {@code Origin} header. */
    public static RawWebSocket connect(int port, String pathAndQuery, String host, String origin) throws IOException {
        Socket s = new Socket("localhost", port);
        s.setSoTimeout(10_000);
        RawWebSocket ws = new RawWebSocket(s);
        byte[] key = new byte[16];
        ws.random.nextBytes(key);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        String status = ws.readHeaders();
        if (!status.contains(" 101 ")) {
            s.close();
            throw new IOException("handshake refused: " + status);
        }
        return ws;
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during handshake");
            }
            buf.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        String headers = buf.toString(StandardCharsets.US_ASCII);
        return headers.substring(0, headers.indexOf("\r\n"));
    }

    /** Sends one masked frame with FIN set. */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        sendFrame(opcode, payload, true);
    }

    public void sendFrame(int opcode, byte[] payload, boolean fin) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        int len = payload.length;
        if (len < 126) {
            frame.write(0x80 | len);
        } else if (len < 65536) {
            frame.write(0x80 | 126);
            frame.write(len >>> 8);
            frame.write(len & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) (((long) len >>> (8 * i)) & 0xff));
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < len; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** A frame from the server. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    /** Reads the next frame, or null when the connection is closed or nothing comes within the timeout. */
    public Frame readFrame() throws IOException {
        try {
            int b0 = in.read();
            if (b0 < 0) {
                return null;
            }
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            return new Frame(b0 & 0x0f, payload);
        } catch (SocketTimeoutException | java.io.EOFException e) {
            return null;
        } catch (java.net.SocketException e) {
            return null;
        }
    }

    /** Reads frames until a close frame; returns its code, or -1 when the connection ended without one. */
    public int awaitCloseCode() throws IOException {
        Frame f;
        while ((f = readFrame()) != null) {
            if (f.opcode() == CLOSE) {
                return f.closeCode();
            }
        }
        return -1;
    }

    public InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
