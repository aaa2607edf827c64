package io.oktaconnector.okta.internal.mapping;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An input stream that fails once more than a given number of bytes went through it. Not thread-safe. */
final class CappedInput extends FilterInputStream {
    private final long max;
    private long read;

    CappedInput(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) throws Exceeded {
        read += n;
        if (read > max) {
            throw new Exceeded();
        }
    }

    /** More than the cap was read. */
    static final class Exceeded extends IOException {
        private static final long serialVersionUID = 1L;

        Exceeded() {
            super("input larger than the cap");
        }
    }
}
