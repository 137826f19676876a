package ee.datahub.enquiryhub.platform;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A PostgreSQL advisory lock held until the current transaction ends: one instance at a time runs the work. */
public final class AdvisoryLock {

    private AdvisoryLock() {}

    /** Takes the lock for this transaction; false (without waiting) when another session holds it. */
    public static boolean tryForTransaction(JdbcClient jdbc, long key) {
        return jdbc.sql("select pg_try_advisory_xact_lock(?)")
                .param(key)
                .query(Boolean.class)
                .single();
    }
}
