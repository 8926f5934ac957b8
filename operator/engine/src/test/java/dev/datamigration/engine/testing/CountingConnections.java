package dev.datamigration.engine.testing;

import dev.datamigration.engine.ConnectionFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** A connection factory that counts the connections the engine opens and those it has not closed. */
public final class CountingConnections implements ConnectionFactory {

    private final ConnectionFactory connect;
    /** Connections opened so far. */
    public final AtomicInteger opened = new AtomicInteger();
    /** Connections opened and not closed yet. */
    public final AtomicInteger open = new AtomicInteger();

    public CountingConnections(ConnectionFactory connect) {
        this.connect = connect;
    }

    @Override
    public Connection open() throws SQLException {
        Connection c = connect.open();
        opened.incrementAndGet();
        open.incrementAndGet();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && !c.isClosed()) {
                        open.decrementAndGet();
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
