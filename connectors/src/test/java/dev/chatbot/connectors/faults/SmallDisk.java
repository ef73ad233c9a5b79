package dev.chatbot.connectors.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small file system of its own (a {@code tmpfs} of a few megabytes mounted on a temporary folder) that a test can
 * fill up to the last byte and empty again, to see what the server does when its disk is full. Mounting needs root
 * (or {@code CAP_SYS_ADMIN}); {@link #available()} says whether this machine allows it. Unmounted and removed on close.
 */
final class SmallDisk implements AutoCloseable {

    private static final String FILLER = ".filler";

    private final Path root;

    private SmallDisk(Path root) {
        this.root = root;
    }

    /** Whether this machine lets the test mount a tmpfs (tried once with a 1 MB one). */
    static synchronized boolean available() {
        if (available == null) {
            try {
                mount(1).close();
                available = true;
            } catch (RuntimeException e) {
                available = false;
            }
        }
        return available;
    }

    private static Boolean available;

    /** Mounts a tmpfs of {@code megabytes} on a new temporary folder. */
    static SmallDisk mount(int megabytes) {
        try {
            Path dir = Files.createTempDirectory("chatbot-small-disk-");
            try {
                run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0755", "tmpfs", dir.toString());
            } catch (RuntimeException e) {
                Files.deleteIfExists(dir);
                throw e;
            }
            return new SmallDisk(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    /** Bytes still free. */
    long free() {
        try {
            FileStore store = Files.getFileStore(root);
            return store.getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a filler file until the file system refuses more ("No space left on device"), leaving nothing free. */
    void fill() {
        fillLeaving(0);
    }

    /** Writes a filler file until at most {@code bytes} stay free. */
    void fillLeaving(long bytes) {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(root.resolve(FILLER))) {
            long left;
            while ((left = free() - bytes) > 0) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
                out.flush();
            }
        } catch (IOException full) {
            // the disk is full
        }
    }

    /** Deletes the filler: the space is back. */
    void empty() {
        try {
            Files.deleteIfExists(root.resolve(FILLER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file and folder on the disk, relative to its root (the filler left out). */
    List<String> listing() {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root) && !p.getFileName().toString().equals(FILLER))
                    .map(p -> root.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            // a plain unmount fails while a file is still open (a database closing in the background): try for a few
            // seconds, then detach it lazily
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (true) {
                try {
                    run("umount", root.toString());
                    break;
                } catch (IllegalStateException busy) {
                    if (System.nanoTime() > deadline) {
                        run("umount", "-l", root.toString());
                        break;
                    }
                    ServerProcess.sleep(200);
                }
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
