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
 * What a participant has opened, per side: an enquiry is unread until someone acting for the side
 * opens it at its current version; the other side's later write makes it unread again, the side's
 * own write does not. Unread enquiries are also kept as rows ({@code enquiry_unread}), in the same
 * transactions, for the unread view and its count (docs/design/reads.md).
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
        jdbc.sql("""
                delete from enquiry_unread
                 where participant_eic = ? and side = ? and commodity = ? and enquiry_id = ? and version <= ?
                """)
                .params(
                        caller.eic().value(),
                        caller.side().name(),
                        caller.commodity().name(),
                        enquiry.id().value(),
                        enquiry.version())
                .update();
    }

    /** Makes the enquiry unread again for the caller's participant, at the version shown ({@code enquiry}). */
    @Transactional
    public void markUnread(Caller caller, EnquiryView enquiry) {
        jdbc.sql("""
                insert into enquiry_read_mark (participant_eic, side, enquiry_id, version, read_at) values (?, ?, ?, ?, ?)
                on conflict (participant_eic, side, enquiry_id) do update set version = excluded.version
                """)
                .params(
                        caller.eic().value(),
                        caller.side().name(),
                        enquiry.id().value(),
                        enquiry.version() - 1,
                        HubTime.db(clock.instant()))
                .update();
        jdbc.sql("""
                insert into enquiry_unread (participant_eic, side, commodity, enquiry_id, version) values (?, ?, ?, ?, ?)
                on conflict (participant_eic, side, commodity, enquiry_id) do update set version = excluded.version
                """)
                .params(
                        caller.eic().value(),
                        caller.side().name(),
                        caller.commodity().name(),
                        enquiry.id().value(),
                        enquiry.version())
                .update();
    }

    /**
     * A side's own write keeps what it had read read: its mark moves to the new version when it stood
     * at the version before (the sender's implicit mark is version 1, its creation). A mark further
     * behind stays, since the other side wrote in between.
     */
    @EventListener
    void written(MessageWritten written) {
        if (written.reason() != ChangeReason.CREATE || written.answer().isPresent()) {
            moveAlong(written);
        }
        unreadAfter(written.enquiry());
    }

    // Whom the enquiry is unread for after a write: the current sender and receiver whose mark is behind.
    private void unreadAfter(EnquiryView enquiry) {
        jdbc.sql("delete from enquiry_unread where enquiry_id = :enquiry")
                .param("enquiry", enquiry.id().value())
                .update();
        jdbc.sql("""
                insert into enquiry_unread (participant_eic, side, commodity, enquiry_id, version)
                select p.eic, p.side, :commodity, :enquiry, :version
                  from (values (:sender, 'SENDER', :senderImplicit), (:receiver, 'RECEIVER', :receiverImplicit))
                       as p(eic, side, implicit)
                 where coalesce((select m.version from enquiry_read_mark m
                                  where m.participant_eic = p.eic and m.side = p.side and m.enquiry_id = :enquiry),
                                p.implicit) < :version
                on conflict (participant_eic, side, commodity, enquiry_id) do update set version = excluded.version
                """)
                .param("commodity", enquiry.commodity().name())
                .param("enquiry", enquiry.id().value())
                .param("version", enquiry.version())
                .param("sender", enquiry.sender().value())
                .param("receiver", enquiry.receiver().value())
                .param("senderImplicit", implicitMark(Side.SENDER))
                .param("receiverImplicit", implicitMark(Side.RECEIVER))
                .update();
    }

    private void moveAlong(MessageWritten written) {
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
        var unread = jdbc.sql("""
                select enquiry_id from enquiry_unread
                 where participant_eic = ? and side = ? and commodity = ? and enquiry_id = any(?)
                """)
                .params(
                        caller.eic().value(),
                        caller.side().name(),
                        caller.commodity().name(),
                        enquiries.stream().map(e -> e.id().value()).toArray(UUID[]::new))
                .query((rs, n) -> new EnquiryId(rs.getObject(1, UUID.class)))
                .set();
        return enquiries.stream().map(EnquiryView::id).filter(unread::contains).collect(Collectors.toSet());
    }
}
