package io.github.dom0build.core.bootloader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * grub's environment block ({@code grubenv}, what grub-editenv and grub-reboot write and grub's
 * {@code load_env} reads) read as data: a 1 KiB file of {@code name=value} lines padded with {@code #}.
 */
final class GrubEnvironment {
    private GrubEnvironment() {
    }

    /** The variables of {@code grubenv}; none when it does not exist. */
    static Map<String, String> read(Path grubenv) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.exists(grubenv)) {
            return values;
        }
        for (String line : Files.readString(grubenv, StandardCharsets.ISO_8859_1).split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }
}
