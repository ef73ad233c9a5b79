package dev.chatbot.nlp.cli;

import dev.chatbot.nlp.pipeline.Progress;

import java.io.PrintStream;

/**
 * Shows progress of long steps: on a terminal one line redrawn in place with a bar; otherwise plain
 * lines, one when a task starts and then at most one per 10% step.
 */
final class ConsoleProgress implements Progress {

    private final PrintStream out;
    private final boolean terminal;
    private String lastTask = "";
    private long lastTenth = -1;
    private long lastDraw;
    private boolean lineOpen;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void update(String task, long done, long total) {
        if (terminal) {
            long now = System.nanoTime();
            boolean finished = total > 0 && done >= total;
            if (task.equals(lastTask) && !finished && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            lastTask = task;
            String line = total > 0 ? String.format("%-40s %s %3d%%", cut(task), bar(done, total), done * 100 / total)
                    : String.format("%-40s %d", cut(task), done);
            out.print("\r" + line + "\u001b[K");
            lineOpen = true;
            out.flush();
            return;
        }
        long tenth = total > 0 ? Math.min(10, done * 10 / total) : -1;
        if (!task.equals(lastTask)) {
            lastTask = task;
            lastTenth = tenth;
            out.println(total > 0 ? task + ": " + done + "/" + total : task);
        } else if (tenth > lastTenth) {
            lastTenth = tenth;
            out.println(task + ": " + done + "/" + total + " (" + tenth * 10 + "%)");
        }
    }

    /** Ends a redrawn line so that following output starts on its own line. */
    synchronized void finish() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 39) + "…" : s;
    }

    private static String bar(long done, long total) {
        int filled = (int) Math.min(20, done * 20 / Math.max(1, total));
        return "[" + "#".repeat(filled) + " ".repeat(20 - filled) + "]";
    }
}
