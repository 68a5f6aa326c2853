package io.github.dom0build.core.boottest;

import java.io.IOException;
import java.io.InputStream;

/** The scripts the boot images carry, shipped in this jar next to this class. */
final class BootResources {
    private BootResources() {
    }

    static byte[] read(String name) throws IOException {
        try (InputStream in = BootResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the dom0-build-core jar");
            }
            return in.readAllBytes();
        }
    }
}
