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
    public static final int CONTINUATION = 0x0;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final SecureRandom random = new SecureRandom();
    private String handshakeHeaders = "";

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
        return connect(port, pathAndQuery, host, origin == null ? "" : "Origin: " + origin + "\r\n", 0);
    }

    /**
     * Connects with extra header lines (each ending in CRLF, e.g. a {@code Sec-WebSocket-Extensions} offer) and,
     * when {@code receiveBuffer} is positive, that TCP receive buffer (a small one makes a client that does not
     * read show quickly).
     */
    public static RawWebSocket connect(int port, String pathAndQuery, String host, String extraHeaders,
                                       int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new java.net.InetSocketAddress("localhost", port), 5_000);
        s.setSoTimeout(10_000);
        RawWebSocket ws = new RawWebSocket(s);
        byte[] key = new byte[16];
        ws.random.nextBytes(key);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + extraHeaders
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        String headers = ws.readHeaders();
        String status = headers.substring(0, headers.indexOf("\r\n"));
        if (!status.contains(" 101 ")) {
            s.close();
            throw new IOException("handshake refused: " + status);
        }
        ws.handshakeHeaders = headers;
        return ws;
    }

    /** The server's answer to the upgrade request, status line and headers. */
    public String handshakeHeaders() {
        return handshakeHeaders;
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
        return buf.toString(StandardCharsets.US_ASCII);
    }

    /** Sends one masked frame with FIN set. */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        sendFrame(opcode, payload, true);
    }

    public void sendFrame(int opcode, byte[] payload, boolean fin) throws IOException {
        sendFrame(opcode, payload, fin, false);
    }

    /** With {@code compressed}, sets RSV1: the payload is a permessage-deflate message (see {@link #deflate}). */
    public void sendFrame(int opcode, byte[] payload, boolean fin, boolean compressed) throws IOException {
        out.write(frameBytes(opcode, payload, fin, compressed));
        out.flush();
    }

    /** One masked frame as bytes on the wire, for clients that write many frames at once. */
    public byte[] frameBytes(int opcode, byte[] payload, boolean fin, boolean compressed) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | (compressed ? 0x40 : 0) | opcode);
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
        frame.writeBytes(mask);
        for (int i = 0; i < len; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /** Compresses a message as permessage-deflate does: raw DEFLATE, flushed, without the final 00 00 FF FF. */
    public static byte[] deflate(byte[] message) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = deflater.deflate(buf, 0, buf.length, java.util.zip.Deflater.SYNC_FLUSH)) > 0) {
            out.write(buf, 0, n);
            if (n < buf.length && deflater.needsInput()) {
                break;
            }
        }
        deflater.end();
        byte[] all = out.toByteArray();
        return java.util.Arrays.copyOf(all, all.length - 4);
    }

    public OutputStream output() {
        return out;
    }

    public Socket socket() {
        return socket;
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
