package io.github.dom0build.core.configure;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether Xen's own build may download (stubdom's mini-os and libraries, qemu-xen, SeaBIOS). The
 * configure goal decides it and records it in the tree; make and dist follow the record, so the choice
 * is made in one place. Without a record (a tree configured by hand) nothing may download.
 */
public final class XenDownloads {
    private static final String RECORD = "downloads-allowed";

    private XenDownloads() {
    }

    public static void record(Path tree, boolean allowed) throws BuildException {
        Path record = StampStore.in(tree).directory().resolve(RECORD);
        try {
            if (allowed) {
                Files.createDirectories(record.getParent());
                Files.writeString(record, "configure ran with allowDownloads=true\n");
            } else {
                Files.deleteIfExists(record);
            }
        } catch (IOException e) {
            throw new BuildException("Cannot record allowDownloads in " + record + ": " + e.getMessage(),
                    "check that the tree is writable", e);
        }
    }

    /** {@code GIT=false WGET=false} unless configure allowed downloads: any download then fails at once. */
    public static Map<String, String> makeVariables(Path tree) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (!Files.exists(StampStore.in(tree).directory().resolve(RECORD))) {
            vars.put("GIT", "false");
            vars.put("WGET", "false");
        }
        return vars;
    }
}
