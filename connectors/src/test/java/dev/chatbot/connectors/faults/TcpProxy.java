package dev.chatbot.connectors.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST DOUBLE of the network between the server and its database: a TCP proxy on a loopback port that forwards to
 * the real database and can fail the way networks fail.
 * <ul>
 *   <li>{@link #cut()}: every open connection is reset and new ones are reset at once (the database host went away,
 *       the client learns it immediately);</li>
 *   <li>{@link #blackhole()}: connections stay open but nothing gets through any more, in either direction, and new
 *       connections are accepted and never answered (a network partition: the client learns nothing);</li>
 *   <li>{@link #restore()}: new connections are forwarded again; connections that lived through a blackhole are reset
 *       (bytes were lost, so they cannot carry on).</li>
 * </ul>
 */
final class TcpProxy implements AutoCloseable {

    private enum Mode { PASS, CUT, BLACKHOLE }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;

    private TcpProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** Starts a proxy to {@code host:port} on a free loopback port. */
    static TcpProxy to(String host, int port) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(listener, new InetSocketAddress(host, port));
            Thread.ofVirtual().name("tcp-proxy-accept").start(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the proxy", e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many connections the proxy has accepted so far. */
    int accepted() {
        return accepted.get();
    }

    void cut() {
        mode = Mode.CUT;
        links.forEach(Link::reset);
    }

    void blackhole() {
        mode = Mode.BLACKHOLE;
        links.forEach(l -> l.blackholed = true);
    }

    void restore() {
        mode = Mode.PASS;
        links.stream().filter(l -> l.blackholed).forEach(Link::reset);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            switch (mode) {
                case CUT -> resetQuietly(client);
                case BLACKHOLE -> links.add(new Link(client, null, true));
                case PASS -> Thread.ofVirtual().start(() -> connect(client));
            }
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(target, 5_000);
        } catch (IOException e) {
            resetQuietly(client);
            return;
        }
        Link link = new Link(client, server, false);
        links.add(link);
        Thread.ofVirtual().start(() -> pump(link, client, server));
        Thread.ofVirtual().start(() -> pump(link, server, client));
    }

    private void pump(Link link, Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (link.blackholed) {
                    continue; // lost on the way
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            if (!link.blackholed) {
                link.reset();
            }
        }
    }

    private static void resetQuietly(Socket s) {
        if (s == null) {
            return;
        }
        try {
            s.setSoLinger(true, 0); // close with RST, as a vanished host's network stack would answer
        } catch (SocketException ignored) {
            // already closed
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        links.forEach(Link::reset);
    }

    /** One proxied connection: the database client's socket and ours to the database. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private volatile boolean blackholed;

        Link(Socket client, Socket server, boolean blackholed) {
            this.client = client;
            this.server = server;
            this.blackholed = blackholed;
        }

        void reset() {
            links.remove(this);
            resetQuietly(client);
            resetQuietly(server);
        }
    }
}
