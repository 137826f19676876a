package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The view and sort each person last chose for a list, per context (a participant, role and commodity
 * as the web names it), kept in PostgreSQL so that any instance serves the person's next request.
 */
@Repository
public class ListPreferences {

    /** A list's view and order. */
    public record Preference(ListView view, SortKey sort, boolean descending) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    ListPreferences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<Preference> of(String subject, String context) {
        return jdbc.sql("select view, sort, descending from inbox_preference where subject = ? and context_key = ?")
                .params(subject, context)
                .query((rs, n) -> new Preference(
                        ListView.valueOf(rs.getString(1)), SortKey.valueOf(rs.getString(2)), rs.getBoolean(3)))
                .optional();
    }

    /** Remembers the person's choice; writes nothing when it is the one remembered. */
    @Transactional
    public void remember(String subject, String context, Preference preference) {
        jdbc.sql("""
                insert into inbox_preference (subject, context_key, view, sort, descending, updated_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (subject, context_key) do update
                   set view = excluded.view, sort = excluded.sort, descending = excluded.descending,
                       updated_at = excluded.updated_at
                 where (inbox_preference.view, inbox_preference.sort, inbox_preference.descending)
                       is distinct from (excluded.view, excluded.sort, excluded.descending)
                """)
                .params(
                        subject,
                        context,
                        preference.view().name(),
                        preference.sort().name(),
                        preference.descending(),
                        HubTime.db(clock.instant()))
                .update();
    }
}
