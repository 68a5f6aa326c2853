package io.github.dom0build.core.fetch.git;

import io.github.dom0build.core.log.BuildLog;
import org.eclipse.jgit.lib.BatchingProgressMonitor;

/**
 * JGit progress in the build log: one line per finished task, plus a line every few seconds while a
 * task runs when the build is interactive.
 */
final class LoggingProgressMonitor extends BatchingProgressMonitor {
    private final BuildLog log;
    private final String prefix;
    private final boolean interactive;
    private long lastLine;

    LoggingProgressMonitor(BuildLog log, String prefix, boolean interactive) {
        this.log = log;
        this.prefix = prefix;
        this.interactive = interactive;
        setDelayStart(2, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    protected void onUpdate(String taskName, int workCurr, java.time.Duration duration) {
        maybe(taskName + ": " + workCurr);
    }

    @Override
    protected void onEndTask(String taskName, int workCurr, java.time.Duration duration) {
        log.info(prefix + taskName + ": " + workCurr + ", done");
    }

    @Override
    protected void onUpdate(String taskName, int workCurr, int workTotal, int percentDone,
            java.time.Duration duration) {
        maybe(taskName + ": " + percentDone + "% (" + workCurr + "/" + workTotal + ")");
    }

    @Override
    protected void onEndTask(String taskName, int workCurr, int workTotal, int percentDone,
            java.time.Duration duration) {
        log.info(prefix + taskName + ": " + percentDone + "% (" + workCurr + "/" + workTotal + "), done");
    }

    private void maybe(String line) {
        long now = System.nanoTime();
        if (interactive && now - lastLine > 5_000_000_000L) {
            lastLine = now;
            log.info(prefix + line);
        }
    }
}
