package dev.datamigration.engine.dialect.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.sqlserver.jdbc.ISQLServerBulkData;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopyOptions;
import dev.datamigration.engine.dialect.ValueRejectedException;
import dev.datamigration.engine.dialect.Values;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parts of the SQL Server bulk path that run without a server: the {@code SQLServerBulkCopyOptions} the writer
 * uses, the {@link SqlServerBulkData} adapter's column metadata and row values as {@code SQLServerBulkCopy} reads them,
 * value checks, and the writer's bounded batching (batches go to a recording sink in place of
 * {@code writeToServer}, which needs a SQL Server).
 */
class SqlServerBulkWriterTest {

    static final SqlServerColumn ID = new SqlServerColumn("ID", "int", 4, 10, 0, false, true, false);
    static final SqlServerColumn NAME = new SqlServerColumn("NAME", "nvarchar", 10, 0, 0, true, false, true);
    static final SqlServerColumn NOTES = new SqlServerColumn("NOTES", "nvarchar", -1, 0, 0, true, false, false);
    static final SqlServerColumn AMOUNT = new SqlServerColumn("AMOUNT", "decimal", 17, 37, 8, true, false, true);
    static final SqlServerColumn ACTIVE = new SqlServerColumn("ISACTIVE", "bit", 1, 1, 0, true, false, true);
    static final SqlServerColumn CREATED = new SqlServerColumn("CREATEDON", "datetime", 8, 23, 3, true, false, false);
    static final SqlServerColumn UPDATED = new SqlServerColumn("UPDATEDAT", "datetime2", 8, 27, 7, true, false,
            false);
    static final SqlServerColumn DUE = new SqlServerColumn("DUE", "date", 3, 10, 0, true, false, false);
    static final SqlServerColumn AT = new SqlServerColumn("AT", "time", 5, 16, 7, true, false, false);
    static final SqlServerColumn PHOTO = new SqlServerColumn("PHOTO", "image", 16, 0, 0, true, false, false);
    static final SqlServerColumn HASH = new SqlServerColumn("HASH", "varbinary", 4, 0, 0, true, false, false);
    static final SqlServerColumn TOKEN = new SqlServerColumn("TOKEN", "uniqueidentifier", 16, 0, 0, true, false,
            false);
    static final SqlServerColumn BIG = new SqlServerColumn("BIGID", "bigint", 8, 19, 0, true, false, false);
    static final SqlServerColumn PHONE = new SqlServerColumn("PHONE", "varchar", 20, 0, 0, true, false, false);

    static final List<SqlServerColumn> ALL = List.of(ID, NAME, NOTES, AMOUNT, ACTIVE, CREATED, UPDATED, DUE, AT,
            PHOTO, HASH, TOKEN, BIG, PHONE);

    @Test
    void optionsKeepIdentityAndNullsInTheCallersTransaction() throws SQLException {
        SQLServerBulkCopyOptions options = SqlServerBulkWriter.options(5000);
        assertThat(options.isKeepIdentity()).isTrue();
        assertThat(options.isKeepNulls()).isTrue();
        assertThat(options.getBatchSize()).isEqualTo(5000);
        assertThat(options.getBulkCopyTimeout()).isZero();
        assertThat(options.isUseInternalTransaction()).isFalse();
        assertThat(options.isCheckConstraints()).isTrue();
        assertThat(options.isFireTriggers()).isFalse();
        assertThat(options.isTableLock()).isFalse();
    }

    @Test
    void adapterDescribesEachColumnAsTheDriverReadsIt() {
        List<SqlServerBulkValues> values = ALL.stream().map(SqlServerBulkValues::new).toList();
        SqlServerBulkData data = new SqlServerBulkData(values, List.of());
        assertThat(data.getColumnOrdinals()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        List<String> described = new ArrayList<>();
        for (int i : data.getColumnOrdinals()) {
            described.add(data.getColumnName(i) + " " + data.getColumnType(i) + " " + data.getPrecision(i) + " "
                    + data.getScale(i));
        }
        assertThat(described).containsExactly(
                "ID " + Types.INTEGER + " 10 0",
                "NAME " + Types.NVARCHAR + " 5 0",
                "NOTES " + Types.NVARCHAR + " " + Integer.MAX_VALUE + " 0",
                "AMOUNT " + Types.DECIMAL + " 37 8",
                "ISACTIVE " + Types.BIT + " 1 0",
                "CREATEDON " + Types.TIMESTAMP + " 23 3",
                "UPDATEDAT " + Types.TIMESTAMP + " 27 7",
                "DUE " + Types.DATE + " 10 0",
                "AT " + Types.TIME + " 16 7",
                "PHOTO " + Types.VARBINARY + " " + Integer.MAX_VALUE + " 0",
                "HASH " + Types.VARBINARY + " 4 0",
                "TOKEN " + Types.VARCHAR + " 36 0",
                "BIGID " + Types.BIGINT + " 19 0",
                "PHONE " + Types.NVARCHAR + " 20 0");
        assertThat(data.next()).isFalse();
    }

    @Test
    void valuesAreConvertedExactlyForTheDriver() throws Exception {
        List<List<Object>> batches = new ArrayList<>();
        SqlServerBulkWriter writer = recording(ALL, 10, 1 << 20, batches);
        byte[] photo = new byte[100_000];
        photo[99_999] = 7;
        // nvarchar(5) counts UTF-16 code units, as SQL Server does: the emoji takes two of the five.
        writer.write(new Object[] {2_147_483_647L, "Olá😀", "x".repeat(50_000),
                new BigDecimal("12345678901234567890123456789.12345678"), true,
                LocalDateTime.of(2024, 2, 29, 23, 59, 59, 997_654_321), LocalDateTime.of(1900, 1, 1, 0, 0),
                LocalDate.of(1900, 1, 1), LocalTime.of(23, 59, 59, 123_456_789), photo, new byte[0],
                "6f9619ff-8b86-d011-b42d-00c04fc964ff", Long.MIN_VALUE, ""});
        writer.write(new Object[] {1L, "", "", new BigDecimal("0.00000001"), false, Values.NULL_DATE, null, null,
                LocalTime.MIDNIGHT, new byte[0], null, null, 0L, null});
        writer.write(new Object[] {3L, null, null, new BigDecimal("1.5"), null, null, null, null, null, null, null,
                null, null, null});
        assertThat(writer.finish()).isEqualTo(3);
        assertThat(batches).hasSize(1);
        List<Object> rows = batches.get(0);
        Object[] first = (Object[]) rows.get(0);
        assertThat(first[0]).isEqualTo(Integer.MAX_VALUE);
        assertThat(first[1]).isEqualTo("Olá😀");
        assertThat(first[3]).isEqualTo(new BigDecimal("12345678901234567890123456789.12345678"));
        assertThat(first[4]).isEqualTo(true);
        assertThat(first[5]).as("datetime: ISO with T, 3 digits; the server rounds to 1/300 s")
                .isEqualTo("2024-02-29T23:59:59.997");
        assertThat(first[6]).isEqualTo("1900-01-01T00:00:00.0000000");
        assertThat(first[7]).isEqualTo("1900-01-01");
        assertThat(first[8]).isEqualTo("23:59:59.1234567");
        assertThat((byte[]) first[9]).isEqualTo(photo);
        assertThat((byte[]) first[10]).isEmpty();
        assertThat(first[11]).isEqualTo("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        assertThat(first[12]).isEqualTo(Long.MIN_VALUE);
        assertThat(first[13]).as("'' stays '' (keepNulls keeps NULL apart)").isEqualTo("");
        Object[] second = (Object[]) rows.get(1);
        assertThat(second[3]).isEqualTo(new BigDecimal("0.00000001"));
        assertThat(second[5]).isEqualTo("1900-01-01T00:00:00.000");
        assertThat(second[6]).isNull();
        assertThat(second[13]).isNull();
        assertThat(((Object[]) rows.get(2))[3]).as("scale raised to the column's, never rounded")
                .isEqualTo(new BigDecimal("1.50000000"));
    }

    @Test
    void valuesTheColumnCannotHoldAreRejectedWithTheirColumn() {
        assertRejected(ID, 2_147_483_648L, "2147483648 is out of range for int");
        assertRejected(new SqlServerColumn("T", "tinyint", 1, 3, 0, true, false, false), -1L,
                "-1 is out of range for tinyint");
        assertRejected(AMOUNT, new BigDecimal("0.000000001"),
                "0.000000001 has more than 8 decimals and decimal(37,8) would round it");
        assertRejected(AMOUNT, new BigDecimal("123456789012345678901234567890"),
                "123456789012345678901234567890 has more digits than decimal(37,8) holds");
        assertRejected(NAME, "Olá 😀", "text of 6 characters does not fit nvarchar(5)");
        assertRejected(HASH, new byte[5], "5 bytes do not fit varbinary(4)");
    }

    private static void assertRejected(SqlServerColumn column, Object value, String message) {
        SqlServerBulkValues values = new SqlServerBulkValues(column);
        assertThatThrownBy(() -> values.convert(3, value))
                .isInstanceOf(ValueRejectedException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((ValueRejectedException) e).column()).isEqualTo(3));
    }

    @Test
    void batchesAreBoundedByRowsAndTheCallerMayReuseItsRowArray() throws Exception {
        List<List<Object>> batches = new ArrayList<>();
        SqlServerBulkWriter writer = recording(List.of(ID, NAME), 3, 1 << 20, batches);
        Object[] row = new Object[2];
        for (long id = 1; id <= 7; id++) {
            row[0] = id;
            row[1] = "n" + id;
            writer.write(row);
        }
        assertThat(batches).hasSize(2);
        assertThat(writer.finish()).isEqualTo(7);
        assertThat(batches).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(batches.get(1)).extracting(r -> ((Object[]) r)[1]).containsExactly("n4", "n5", "n6");
    }

    @Test
    void batchesAreBoundedByBytesForLargeValues() throws Exception {
        List<List<Object>> batches = new ArrayList<>();
        SqlServerBulkWriter writer = recording(List.of(ID, NOTES), 1000, 1000, batches);
        for (long id = 1; id <= 5; id++) {
            writer.write(new Object[] {id, "x".repeat(300)});
        }
        assertThat(writer.finish()).isEqualTo(5);
        assertThat(batches).extracting(List::size).containsExactly(2, 2, 1);
    }

    @Test
    void abortSendsNothingMore() throws Exception {
        List<List<Object>> batches = new ArrayList<>();
        SqlServerBulkWriter writer = recording(List.of(ID, NAME), 3, 1 << 20, batches);
        writer.write(new Object[] {1L, "a"});
        writer.abort();
        writer.close();
        assertThat(batches).isEmpty();
    }

    /** A writer whose batches are read back through the adapter exactly as writeToServer iterates them. */
    private static SqlServerBulkWriter recording(List<SqlServerColumn> columns, int rows, long bytes,
                                                 List<List<Object>> batches) {
        List<SqlServerBulkValues> values = columns.stream().map(SqlServerBulkValues::new).toList();
        return new SqlServerBulkWriter(values, data -> batches.add(drain(data)), () -> { }, rows, bytes);
    }

    private static List<Object> drain(ISQLServerBulkData data) throws SQLException {
        List<Object> rows = new ArrayList<>();
        while (data.next()) {
            rows.add(data.getRowData().clone());
        }
        return rows;
    }
}
