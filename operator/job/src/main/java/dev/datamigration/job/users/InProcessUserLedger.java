package dev.datamigration.job.users;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link UserLedger} for Jobs that run in one process without a Kubernetes API (the plain {@code copy} command):
 * one lock and one record per migration name.
 */
public final class InProcessUserLedger implements UserLedger {

    private static final ConcurrentHashMap<String, InProcessUserLedger> LEDGERS = new ConcurrentHashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    private long created;
    private String pending;

    private InProcessUserLedger() {
    }

    /** The ledger of this migration in this process. */
    public static InProcessUserLedger of(String migration) {
        return LEDGERS.computeIfAbsent(migration == null ? "" : migration, k -> new InProcessUserLedger());
    }

    @Override
    public Held acquire() throws InterruptedException {
        lock.lockInterruptibly();
        return new Held() {
            @Override
            public long created() {
                return created;
            }

            @Override
            public void addCreated(long count) {
                created += count;
            }

            @Override
            public String pendingOperation() {
                return pending;
            }

            @Override
            public void setPendingOperation(String operationKey) {
                pending = operationKey;
            }

            @Override
            public void renew() {
                // held until closed
            }

            @Override
            public void close() {
                lock.unlock();
            }
        };
    }
}
