package dev.datamigration.job.users;

/**
 * Serialises the creation of end users among the copy Jobs of one migration and remembers what was created: only the
 * holder creates users, after reading the ODC users afresh, so a Job that waited finds the users the holder created
 * and never creates them again. The ledger also keeps the bulk operation in flight, so a holder that took over from a
 * crashed one waits for that operation before reading the users.
 */
public interface UserLedger {

    /** Waits until this Job holds the ledger (a holder that stopped renewing loses it after its lease). */
    Held acquire() throws InterruptedException;

    /** The ledger while held. Closing releases it. */
    interface Held extends AutoCloseable {

        /** Users created by the migration so far (by every holder). */
        long created();

        /** Adds users this holder created. */
        void addCreated(long count);

        /** The bulk create in flight, recorded before polling it, or null. */
        String pendingOperation();

        void setPendingOperation(String operationKey);

        /** Keeps the ledger held (call at least once per lease while working). */
        void renew();

        @Override
        void close();
    }
}
