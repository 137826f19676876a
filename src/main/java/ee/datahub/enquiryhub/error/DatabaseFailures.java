package ee.datahub.enquiryhub.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure that means "the database is unavailable for a moment" (lost or refused connections,
 * a server shutting down, in recovery or read-only: a failover) from a fault of the hub's. Each door
 * answers the former 503 with {@code Retry-After}, never 500.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    public static boolean unavailable(Throwable failure) {
        int depth = 0;
        for (var cause = failure; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                var state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("25006")) {
                    return true;
                }
            }
        }
        return false;
    }
}
