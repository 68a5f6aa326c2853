package io.github.dom0build.core.fetch.extract;

import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Unix mode bits as NIO permission sets, built once: there is one lookup per extracted file. */
public final class PosixModes {
    private static final PosixFilePermission[] BY_BIT = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };
    private static final List<Set<PosixFilePermission>> SETS = build();

    /** Owner read, write and search: what the extractor itself needs on every directory. */
    static final int OWNER_ALL = 0700;

    private PosixModes() {
    }

    /** The permissions for {@code mode}; setuid, setgid and sticky bits are dropped. */
    public static Set<PosixFilePermission> permissions(int mode) {
        return SETS.get(mode & 0777);
    }

    /** The mode bits of {@code permissions}. */
    static int toMode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int bit = 0; bit < BY_BIT.length; bit++) {
            if (permissions.contains(BY_BIT[bit])) {
                mode |= 1 << bit;
            }
        }
        return mode;
    }

    private static List<Set<PosixFilePermission>> build() {
        List<Set<PosixFilePermission>> sets = new ArrayList<>(01000);
        for (int mode = 0; mode < 01000; mode++) {
            EnumSet<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
            for (int bit = 0; bit < BY_BIT.length; bit++) {
                if ((mode & (1 << bit)) != 0) {
                    set.add(BY_BIT[bit]);
                }
            }
            sets.add(Collections.unmodifiableSet(set));
        }
        return List.copyOf(sets);
    }
}
