package io.github.dom0build.core.fetch.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream on a background thread, a few megabytes ahead of the caller. Decompressing xz or
 * gzip and creating files both take their time; with this the two overlap instead of alternating.
 * Bytes and failures arrive in order, so an error still surfaces at the entry whose data it cut.
 * Everything else (parsing, checks, writing) stays on the caller's thread.
 */
final class ReadAheadInputStream extends InputStream {
    private static final int CHUNK_SIZE = 1 << 20;
    private static final int CHUNKS = 8;
    // Decompressors drop what they decoded in a call that then fails; small calls keep the bytes
    // before a truncation, so the error is reported at the right entry.
    private static final int READ_SIZE = 1 << 16;

    private record Chunk(byte[] data, int length, Throwable failure) {
        static final Chunk END = new Chunk(null, 0, null);
    }

    private final InputStream source;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS + 2);
    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread reader;
    private volatile boolean closed;

    private Chunk current;
    private int position;
    private Throwable failure;
    private boolean atEnd;

    ReadAheadInputStream(InputStream source, String name) {
        this.source = source;
        for (int i = 0; i < CHUNKS; i++) {
            empty.add(new byte[CHUNK_SIZE]);
        }
        reader = new Thread(this::fill, "dom0-build read-ahead " + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void fill() {
        try (source) {
            while (!closed) {
                byte[] buffer = empty.take();
                int length = 0;
                try {
                    for (int n; length < buffer.length
                            && (n = source.read(buffer, length, Math.min(READ_SIZE, buffer.length - length))) > 0;) {
                        length += n;
                    }
                } catch (IOException | RuntimeException e) {
                    filled.put(new Chunk(buffer, length, null));
                    filled.put(new Chunk(null, 0, e));
                    return;
                }
                filled.put(new Chunk(buffer, length, null));
                if (length < buffer.length) {
                    filled.put(Chunk.END);
                    return;
                }
            }
        } catch (InterruptedException | IOException e) {
            // closed by the consumer, or closing the source failed: nobody is reading any more
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (current == null || position == current.length()) {
            if (!nextChunk()) {
                return -1;
            }
        }
        int n = Math.min(length, current.length() - position);
        System.arraycopy(current.data(), position, target, offset, n);
        position += n;
        return n;
    }

    private boolean nextChunk() throws IOException {
        if (current != null) {
            empty.offer(current.data());
            current = null;
        }
        if (failure != null) {
            throw rethrowable(failure);
        }
        if (atEnd || closed) {
            return false;
        }
        Chunk next;
        try {
            next = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for decompressed data");
        }
        if (next.failure() != null) {
            failure = next.failure();
            throw rethrowable(failure);
        }
        if (next == Chunk.END) {
            atEnd = true;
            return false;
        }
        current = next;
        position = 0;
        return true;
    }

    private static IOException rethrowable(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        return (IOException) failure;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length() - position;
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
