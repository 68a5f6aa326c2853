package io.github.dom0build.core.fetch.download;

import io.github.dom0build.core.io.ByteCounts;
import io.github.dom0build.core.log.BuildLog;
import java.util.Locale;

/**
 * Progress lines for long transfers, throttled so that a batch log gets a start and an end line and
 * an interactive one a line every few seconds.
 */
public final class TransferProgress {
    private static final long INTERVAL_NANOS = 5_000_000_000L;

    private final BuildLog log;
    private final String what;
    private final long total;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long lastReport = start;
    private long done;

    public TransferProgress(BuildLog log, String what, long total, boolean interactive) {
        this.log = log;
        this.what = what;
        this.total = total;
        this.interactive = interactive;
        log.info("Downloading " + what + (total > 0 ? " (" + ByteCounts.human(total) + ")" : ""));
    }

    public void add(long n) {
        done += n;
        long now = System.nanoTime();
        if (interactive && now - lastReport >= INTERVAL_NANOS) {
            lastReport = now;
            log.info("  " + ByteCounts.human(done) + (total > 0 ? " of " + ByteCounts.human(total) + " (" + (done * 100 / total) + "%)" : "")
                    + " at " + rate(now));
        }
    }

    public long transferred() {
        return done;
    }

    public void finished() {
        log.info("Downloaded " + what + ": " + ByteCounts.human(done) + " in " + seconds(System.nanoTime()) + " ("
                + rate(System.nanoTime()) + ")");
    }

    private String seconds(long now) {
        return String.format(Locale.ROOT, "%.1f s", (now - start) / 1e9);
    }

    private String rate(long now) {
        double s = Math.max((now - start) / 1e9, 1e-3);
        return ByteCounts.human((long) (done / s)) + "/s";
    }
}
