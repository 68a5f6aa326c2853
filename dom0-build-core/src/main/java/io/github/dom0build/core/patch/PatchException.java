package io.github.dom0build.core.patch;

import io.github.dom0build.core.BuildException;

/**
 * A patch that cannot be read or applied. Thrown before anything on disk changed (the whole series is
 * tried in memory first), so the message only has to say what is wrong and what to do.
 */
public class PatchException extends BuildException {
    private static final long serialVersionUID = 1L;

    private final String patch;
    private final String file;

    public PatchException(String patch, String file, String problem, String fix) {
        this(patch, file, problem, fix, null);
    }

    public PatchException(String patch, String file, String problem, String fix, Throwable cause) {
        super(problem, fix, cause);
        this.patch = patch;
        this.file = file;
    }

    /** The name of the patch at fault, or {@code null} when the problem is not one patch's. */
    public String patch() {
        return patch;
    }

    /** The file in the source tree the problem concerns, or {@code null}. */
    public String file() {
        return file;
    }
}
