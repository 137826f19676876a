package ee.datahub.enquiryhub.audit;

import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ee.datahub.enquiryhub.support.HubApiTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nobody the hub runs as can erase or alter the audit log: its connections use a runtime role that may
 * only insert and read audit rows (TRUNCATE, DELETE, UPDATE, disabling the triggers, DROP all refused,
 * on the table and on each monthly partition), and even the owner role's TRUNCATE, UPDATE and DELETE
 * are refused by triggers. Old months go only by whole partitions, through a function that enforces a
 * floor of 365 days; one instance at a time maintains them.
 */
class AuditIntegrityTest extends HubApiTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditPartitions partitions;

    private String currentPartition;

    @BeforeEach
    void someAuditRows() {
        supplierA().search(object());
        currentPartition =
                "audit_entry_p" + YearMonth.now(ZoneOffset.UTC).toString().replace("-", "");
    }

    @Test
    void theHubsOwnDatabaseRoleCanOnlyInsertAndReadTheAuditLog() {
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("hub_app");
        long rows =
                jdbc.sql("select count(*) from audit_entry").query(Long.class).single();
        assertThat(rows).isPositive();

        for (var table : List.of("audit_entry", currentPartition)) {
            for (var statement : List.of(
                    "truncate " + table,
                    "delete from " + table,
                    "update " + table + " set action = 'x'",
                    "alter table " + table + " disable trigger all",
                    "alter table " + table + " disable trigger audit_entry_append_only",
                    "drop table " + table,
                    "alter table " + table + " owner to hub_app")) {
                assertThat(refusal(() -> jdbc.sql(statement).update()))
                        .as(statement)
                        .containsAnyOf("must be owner", "permission denied");
            }
        }
        assertThat(refusal(() -> jdbc.sql("select setval('audit_entry_seq', 1)")
                        .query(Long.class)
                        .single()))
                .contains("permission denied");
        assertThat(jdbc.sql("select count(*) from audit_entry")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(rows);
    }

    @Test
    void evenTheOwnerCannotTruncateUpdateOrDeleteAuditRows() throws SQLException {
        try (var owner = owner()) {
            for (var statement : List.of(
                    "truncate audit_entry",
                    "truncate " + currentPartition,
                    "delete from audit_entry",
                    "update audit_entry set action = 'x'",
                    "delete from " + currentPartition)) {
                assertThatThrownBy(() -> owner.createStatement().execute(statement))
                        .as(statement)
                        .hasMessageContaining("append-only");
            }
        }
    }

    @Test
    void recentMonthsCannotBeDroppedAndOldOnesGoWholeAfterTheRetention() throws SQLException {
        assertThat(refusal(() -> jdbc.sql("select audit_partitions_drop_older_than(interval '30 days')")
                        .query(Integer.class)
                        .single()))
                .as("the runtime role cannot drop recent months through the function either")
                .contains("at least 365 days");
        try (var owner = owner();
                var statement = owner.createStatement()) {
            statement.execute("select audit_partition_create('2019-03-15T00:00:00Z')");
        }
        assertThat(partitionExists("audit_entry_p201903")).isTrue();
        assertThat(jdbc.sql("select audit_partitions_drop_older_than(interval '400 days')")
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(1);
        assertThat(partitionExists("audit_entry_p201903")).isFalse();
        assertThat(partitionExists(currentPartition)).as("this month stays").isTrue();
    }

    @Test
    void partitionsExistAheadAndOneInstanceAtATimeMaintainsThem() throws SQLException {
        var ahead = YearMonth.now(ZoneOffset.UTC).plusMonths(3).toString().replace("-", "");
        assertThat(partitionExists("audit_entry_p" + ahead)).isTrue();
        assertThat(partitions.maintain()).isTrue();
        try (var other = owner()) {
            other.setAutoCommit(false);
            other.createStatement().execute("select pg_advisory_xact_lock(" + AuditPartitions.LOCK + ")");
            assertThat(partitions.maintain())
                    .as("another instance holds the maintenance lock")
                    .isFalse();
            other.rollback();
        }
        assertThat(partitions.maintain()).isTrue();
    }

    // The database's own message of the refusal.
    private static String refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable statement) {
        var thrown = org.assertj.core.api.Assertions.catchThrowable(statement);
        assertThat(thrown).as("refused").isNotNull();
        var root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private boolean partitionExists(String name) {
        return jdbc.sql("select to_regclass(?) is not null")
                .param(name)
                .query(Boolean.class)
                .single();
    }

    private static Connection owner() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + DB_PORT + "/postgres", "hub_owner", "");
    }
}
