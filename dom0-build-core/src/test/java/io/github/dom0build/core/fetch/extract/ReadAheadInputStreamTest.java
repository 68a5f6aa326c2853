package io.github.dom0build.core.fetch.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {

    @Test
    void passesEveryByteThroughInOrder() throws Exception {
        byte[] data = new byte[(5 << 20) + 12345];
        new Random(5).nextBytes(data);

        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (ReadAheadInputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), "test")) {
            byte[] buffer = new byte[777];
            for (int n; (n = in.read(buffer)) >= 0;) {
                copy.write(buffer, 0, n);
            }
            assertThat(in.read()).isEqualTo(-1);
        }

        assertThat(copy.toByteArray()).isEqualTo(data);
    }

    @Test
    void deliversTheBytesBeforeAFailureThenTheFailure() throws Exception {
        IOException boom = new IOException("boom");
        InputStream failing = new FailingStream(100_000, boom);

        try (ReadAheadInputStream in = new ReadAheadInputStream(failing, "test")) {
            byte[] before = in.readNBytes(100_000);
            Throwable thrown = catchThrowable(in::read);

            assertThat(before).hasSize(100_000);
            assertThat(thrown).isSameAs(boom);
            assertThat(catchThrowable(in::read)).as("stays failed").isSameAs(boom);
        }
    }

    @Test
    void closingStopsTheReaderAndClosesTheSource() throws Exception {
        AtomicBoolean sourceClosed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }

            @Override
            public void close() {
                sourceClosed.set(true);
            }
        };

        ReadAheadInputStream in = new ReadAheadInputStream(endless, "test");
        assertThat(in.read()).isZero(); // the reader is now blocked on a full queue
        in.close();

        assertThat(sourceClosed).isTrue();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("dom0-build read-ahead test"));
    }

    /** Yields {@code length} zero bytes, then fails. */
    private static final class FailingStream extends InputStream {
        private int remaining;
        private final IOException failure;

        FailingStream(int length, IOException failure) {
            this.remaining = length;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : 0;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                throw failure;
            }
            int n = Math.min(len, remaining);
            remaining -= n;
            return n;
        }
    }
}
