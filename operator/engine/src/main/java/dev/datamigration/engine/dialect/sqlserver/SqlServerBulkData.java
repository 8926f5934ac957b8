package dev.datamigration.engine.dialect.sqlserver;

import com.microsoft.sqlserver.jdbc.ISQLServerBulkData;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One bounded batch of already converted rows, presented to {@code SQLServerBulkCopy.writeToServer} as an
 * {@link ISQLServerBulkData}. Column ordinals are 1-based and map by name to the destination columns. The rows are
 * the writer's current batch only; the table never sits in memory.
 */
final class SqlServerBulkData implements ISQLServerBulkData {

    private static final long serialVersionUID = 1L;

    private final transient List<SqlServerBulkValues> columns;
    private final transient List<Object[]> rows;
    private int current = -1;

    SqlServerBulkData(List<SqlServerBulkValues> columns, List<Object[]> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    @Override
    public Set<Integer> getColumnOrdinals() {
        Set<Integer> ordinals = new LinkedHashSet<>();
        for (int i = 1; i <= columns.size(); i++) {
            ordinals.add(i);
        }
        return ordinals;
    }

    @Override
    public String getColumnName(int column) {
        return columns.get(column - 1).column().name();
    }

    @Override
    public int getColumnType(int column) {
        return columns.get(column - 1).sourceType();
    }

    @Override
    public int getPrecision(int column) {
        return columns.get(column - 1).precision();
    }

    @Override
    public int getScale(int column) {
        return columns.get(column - 1).scale();
    }

    @Override
    public Object[] getRowData() {
        return rows.get(current);
    }

    @Override
    public boolean next() {
        if (current + 1 >= rows.size()) {
            return false;
        }
        current++;
        return true;
    }
}
