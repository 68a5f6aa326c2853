package io.github.dom0build.core.bootroot;

import java.io.IOException;
import java.io.InputStream;

/**
 * A root file system read entry by entry, parents before children: a distribution userland in a tar,
 * a staged directory, or files made in memory. Reading twice gives the same entries in the same order.
 */
public interface RootSource {
    /** Receives each entry; {@code data} holds a regular file's bytes and is only valid during the call. */
    interface Visitor {
        void visit(RootEntry entry, InputStream data) throws IOException;
    }

    /** What the source is, for messages. */
    String describe();

    void read(Visitor visitor) throws IOException;
}
