package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a participant has opened, per side: an enquiry is unread for it until someone acting for it
 * opens the enquiry at its current version; a later write of the other side makes it unread again.
 * The participant's own writes do not: a write by a side that had read the version before it moves
 * that side's mark along (in the write's transaction), and the sender has read the version it
 * created without a mark (no statement per create).
 */
@Service
public class ReadMarks {

    private final JdbcClient jdbc;
    private final Clock clock;

    ReadMarks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records that the caller's participant has seen the enquiry at this version (never moving back). */
    @Transactional
    public void opened(Caller caller, EnquiryView enquiry) {
        jdbc.sql("""
                insert into enquiry_read_mark (participant_eic, side, enquiry_id, version, read_at) values (?, ?, ?, ?, ?)
                on conflict (participant_eic, side, enquiry_id) do update
                   set version = greatest(enquiry_read_mark.version, excluded.version), read_at = excluded.read_at
                """)
                .params(
                        caller.eic().value(),
                        caller.side().name(),
                        enquiry.id().value(),
                        enquiry.version(),
                        HubTime.db(clock.instant()))
                .update();
    }

    /**
     * A side's own write keeps what it had read read: its mark moves to the new version when it stood
     * at the version before (the sender's implicit mark is version 1, its creation). A mark further
     * behind stays, since the other side wrote in between.
     */
    @EventListener
    void written(MessageWritten written) {
        if (written.reason() == ChangeReason.CREATE && written.answer().isEmpty()) {
            return;
        }
        var enquiry = written.enquiry();
        var author = written.author() == Side.SENDER ? enquiry.sender() : enquiry.receiver();
        jdbc.sql("""
                insert into enquiry_read_mark (participant_eic, side, enquiry_id, version, read_at)
                select :participant, :side, :enquiry, :version, :now
                 where :version - 1 = coalesce((select version from enquiry_read_mark
                                                 where participant_eic = :participant and side = :side
                                                   and enquiry_id = :enquiry), :implicit)
                on conflict (participant_eic, side, enquiry_id) do update set version = excluded.version
                """)
                .param("participant", author.value())
                .param("side", written.author().name())
                .param("enquiry", enquiry.id().value())
                .param("version", enquiry.version())
                .param("now", HubTime.db(clock.instant()))
                .param("implicit", implicitMark(written.author()))
                .update();
    }

    private static long implicitMark(Side side) {
        return side == Side.SENDER ? 1 : 0;
    }

    /** Which of these enquiries the caller's participant has not opened at their current version. */
    @Transactional(readOnly = true)
    public Set<EnquiryId> unread(Caller caller, Collection<EnquiryView> enquiries) {
        if (enquiries.isEmpty()) {
            return Set.of();
        }
        var read = jdbc
                .sql("""
                select enquiry_id, version from enquiry_read_mark
                 where participant_eic = ? and side = ? and enquiry_id = any(?)
                """)
                .params(
                        caller.eic().value(),
                        caller.side().name(),
                        enquiries.stream().map(e -> e.id().value()).toArray(UUID[]::new))
                .query((rs, n) -> java.util.Map.entry(rs.getObject(1, UUID.class), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
        return enquiries.stream()
                .filter(e -> read.getOrDefault(e.id().value(), implicitMark(caller.side())) < e.version())
                .map(EnquiryView::id)
                .collect(Collectors.toSet());
    }
}
