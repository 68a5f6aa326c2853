package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.BuildException;

import java.util.List;

/** The outcome of comparing a {@link ConfigRequest} with the .config kconfig produced from it. */
public final class AuditResult {
    private static final String INDENT = "    ";

    private final int requestedCount;
    private final List<Mismatch> mismatches;

    AuditResult(int requestedCount, List<Mismatch> mismatches) {
        this.requestedCount = requestedCount;
        this.mismatches = List.copyOf(mismatches);
    }

    public boolean isClean() {
        return mismatches.isEmpty();
    }

    public List<Mismatch> mismatches() {
        return mismatches;
    }

    public int requestedCount() {
        return requestedCount;
    }

    /** One line: "47 requested options hold; 2 do not". */
    public String summary() {
        if (requestedCount == 0) {
            return "no options were requested";
        }
        int held = requestedCount - mismatches.size();
        String s = held + " requested option" + (held == 1 ? " holds" : "s hold");
        return mismatches.isEmpty() ? s : s + "; " + mismatches.size() + (mismatches.size() == 1 ? " does not" : " do not");
    }

    /** The summary, then one block per mismatch: its headline and the indented explanation. */
    public String report() {
        StringBuilder sb = new StringBuilder(summary());
        for (Mismatch m : mismatches) {
            sb.append('\n').append(m.headline());
            for (String line : m.explanation()) {
                sb.append('\n').append(INDENT).append(line);
            }
        }
        return sb.toString();
    }

    /** Fails the build with the report when a requested option does not hold. */
    public void requireClean() throws BuildException {
        if (!isClean()) {
            throw new BuildException("The kernel configuration does not hold what was requested: " + report(),
                    "Also request the dependencies named above, or drop the options that cannot hold for this "
                            + "architecture and kernel version; kconfig silently drops such requests, so the build "
                            + "stops here instead.");
        }
    }

    @Override
    public String toString() {
        return summary();
    }
}
