package io.github.dom0build.core.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Kills a process together with everything it started, and does so for every command still running
 * when the JVM shuts down (Ctrl-C or SIGTERM to Maven), so that no orphaned {@code make} or compiler
 * keeps running after the build is gone.
 */
final class ProcessTrees {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Duration GRACE = Duration.ofSeconds(5);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process p : RUNNING) {
                kill(p, Duration.ofSeconds(2));
            }
        }, "dom0-build-process-reaper"));
    }

    private ProcessTrees() {
    }

    static void register(Process p) {
        RUNNING.add(p);
    }

    static void unregister(Process p) {
        RUNNING.remove(p);
    }

    /**
     * SIGTERM to the process and all its descendants (the parent first so that make stops starting
     * new jobs), then SIGKILL to whatever is left after {@code grace}. Descendants are collected before
     * anything is signalled, since children of a dead parent are re-parented and no longer found.
     */
    static void kill(Process process, Duration grace) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(process.toHandle());
        collectDescendants(process.toHandle(), tree);
        for (ProcessHandle h : tree) {
            h.destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : tree) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                break;
            }
        }
        // A second sweep: children started between the snapshot and the signals.
        List<ProcessHandle> survivors = new ArrayList<>(tree);
        for (ProcessHandle h : survivors) {
            collectDescendants(h, tree);
        }
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void kill(Process process) {
        kill(process, GRACE);
    }

    private static void collectDescendants(ProcessHandle h, Set<ProcessHandle> into) {
        h.descendants().forEach(into::add);
    }
}
