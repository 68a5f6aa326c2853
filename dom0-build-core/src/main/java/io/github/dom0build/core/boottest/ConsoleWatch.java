package io.github.dom0build.core.boottest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Watches the console file while QEMU runs and stops the boot early when it cannot end well: a kernel
 * panic, a Xen panic, dom0 crashing, or systemd freezing. Xen (booted with {@code noreboot}) and a frozen
 * systemd never power the machine off, so without this a broken dom0 would hold the build until the
 * timeout. It interrupts the thread that waits for QEMU, which kills QEMU.
 */
final class ConsoleWatch implements AutoCloseable {
    /** Console text after which the machine never powers itself off. */
    static final List<String> FATAL = List.of("Kernel panic - not syncing", "(XEN) Panic on CPU",
            "Hardware Dom0 crashed", "Freezing execution.");
    private static final long POLL_MILLIS = 500;
    /** Time for the lines that explain the failure to reach the file after the fatal one. */
    private static final long GRACE_MILLIS = 3000;

    private final Path console;
    private final Thread waiter;
    private final long graceMillis;
    private final Thread thread;
    private volatile boolean closed;
    private volatile String reason;

    private ConsoleWatch(Path console, Thread waiter, long graceMillis) {
        this.console = console;
        this.waiter = waiter;
        this.graceMillis = graceMillis;
        this.thread = new Thread(this::watch, "dom0-build-console-watch");
        thread.setDaemon(true);
    }

    /** Starts watching; {@code waiter} is interrupted when the console shows a fatal line. */
    static ConsoleWatch start(Path console, Thread waiter) {
        return start(console, waiter, GRACE_MILLIS);
    }

    static ConsoleWatch start(Path console, Thread waiter, long graceMillis) {
        ConsoleWatch w = new ConsoleWatch(console, waiter, graceMillis);
        w.thread.start();
        return w;
    }

    /** The fatal line that stopped the boot, or null. */
    String reason() {
        return reason;
    }

    private void watch() {
        long offset = 0;
        StringBuilder pending = new StringBuilder();
        try {
            while (!closed) {
                if (Files.isRegularFile(console)) {
                    try (RandomAccessFile f = new RandomAccessFile(console.toFile(), "r")) {
                        if (f.length() > offset) {
                            f.seek(offset);
                            byte[] b = new byte[(int) Math.min(f.length() - offset, 1 << 20)];
                            f.readFully(b);
                            offset += b.length;
                            pending.append(new String(b, StandardCharsets.ISO_8859_1));
                            String found = fatal(pending);
                            if (found != null) {
                                Thread.sleep(graceMillis);
                                synchronized (this) {
                                    if (!closed) {
                                        reason = found;
                                        waiter.interrupt();
                                    }
                                }
                                return;
                            }
                            int nl = pending.lastIndexOf("\n");
                            if (nl >= 0) {
                                pending.delete(0, nl + 1);
                            }
                        }
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | InterruptedException e) {
            // Stop watching; the timeout still bounds the boot.
        }
    }

    private static String fatal(CharSequence text) {
        String s = text.toString();
        for (String f : FATAL) {
            int at = s.indexOf(f);
            if (at >= 0) {
                int start = s.lastIndexOf('\n', at) + 1;
                int end = s.indexOf('\n', at);
                return s.substring(start, end < 0 ? s.length() : end).replace("\r", "").strip();
            }
        }
        return null;
    }

    /** Stops watching; an interrupt the watch sent to the calling waiter is cleared, so it cannot leak. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (reason != null && Thread.currentThread() == waiter) {
                Thread.interrupted();
            }
        }
        thread.interrupt();
    }
}
