package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.dialect.ValueRejectedException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import org.postgresql.copy.PGCopyOutputStream;

/** Streams rows into one text-format COPY; at most {@link PostgresDialect#COPY_BUFFER} bytes wait in memory. */
final class TextCopyWriter extends CopyInWriter {

    private final CopyTextEncoder encoder;
    private final ValueKind[] kinds;
    private final OutputStream buffer;

    TextCopyWriter(PGCopyOutputStream copy, ValueKind[] kinds) {
        super(copy);
        this.kinds = kinds;
        OutputStream buffered = new BufferedOutputStream(copy, PostgresDialect.COPY_BUFFER);
        this.encoder = new CopyTextEncoder(new NonClosingBuffer(buffered));
        this.buffer = buffered;
    }

    @Override
    public void write(Object[] row) throws SQLException, ValueRejectedException {
        try {
            encoder.writeRow(row, kinds);
        } catch (IOException e) {
            throw asSql(e);
        }
    }

    @Override
    void flushRows() throws IOException {
        buffer.flush();
    }

    /** Lets the encoder write without ever closing the COPY stream (closing would end the COPY). */
    private static final class NonClosingBuffer extends java.io.FilterOutputStream {
        NonClosingBuffer(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
        }
    }
}
