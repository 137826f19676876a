package ee.datahub.enquiryhub.enquiry;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.access.ApiClient;
import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the web interface shows beside an enquiry: whether the participant has opened it, and its history. */
class ReadMarksAndHistoryTest extends HubApiTest {

    @Autowired
    Enquiries enquiries;

    @Autowired
    ReadMarks readMarks;

    @Autowired
    ChangeFeed feed;

    @Autowired
    ParticipantRegister participants;

    @Autowired
    TechnicalUsers technicalUsers;

    @Test
    void anEnquiryIsUnreadUntilOpenedAtItsCurrentVersionAndAgainAfterTheNextWrite() {
        var supplier = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
        var id = new EnquiryId(UUID.fromString(hub.as(supplier, "OPEN_SUPPLIER", "ELECTRICITY")
                .send(anEnquiry().about(meter))));
        var receiver = caller(grid, MarketRole.GRID_OPERATOR);

        var first = enquiries.read(receiver, id).orElseThrow();
        assertThat(readMarks.unread(receiver, List.of(first))).containsExactly(id);
        readMarks.opened(receiver, first);
        assertThat(readMarks.unread(receiver, List.of(first))).isEmpty();

        assertThat(hub.as(supplier, "OPEN_SUPPLIER", "ELECTRICITY")
                        .change(id.toString(), object("requestComment", "more"))
                        .status())
                .isEqualTo(200);
        var second = enquiries.read(receiver, id).orElseThrow();
        assertThat(readMarks.unread(receiver, List.of(second)))
                .as("a new version is unread again")
                .containsExactly(id);
        readMarks.opened(receiver, first);
        assertThat(readMarks.unread(receiver, List.of(second)))
                .as("opening an older version does not mark the newer read")
                .containsExactly(id);
        assertThat(readMarks.unread(caller(supplier, MarketRole.OPEN_SUPPLIER), List.of(second)))
                .as("the sender has read what it created and what it changed itself")
                .isEmpty();
    }

    @Test
    void aSidesOwnWritesKeepWhatItHadReadReadButNotWhatTheOtherSideWroteInBetween() {
        var supplier = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
        var sender = hub.as(supplier, "OPEN_SUPPLIER", "ELECTRICITY");
        var answerer = hub.as(grid, "GRID_OPERATOR", "ELECTRICITY");
        var id = sender.send(anEnquiry().about(meter));
        var enquiryId = new EnquiryId(UUID.fromString(id));
        var supplierSide = caller(supplier, MarketRole.OPEN_SUPPLIER);
        var gridSide = caller(grid, MarketRole.GRID_OPERATOR);
        assertThat(readMarks.unread(
                        supplierSide,
                        List.of(enquiries.read(supplierSide, enquiryId).orElseThrow())))
                .as("its own creation is read for the sender")
                .isEmpty();

        readMarks.opened(gridSide, enquiries.read(gridSide, enquiryId).orElseThrow());
        answerer.answerId(id, "OPEN", "looking into it");
        assertThat(readMarks.unread(
                        gridSide, List.of(enquiries.read(gridSide, enquiryId).orElseThrow())))
                .as("the receiver's own answer, after it had read the enquiry")
                .isEmpty();
        assertThat(readMarks.unread(
                        supplierSide,
                        List.of(enquiries.read(supplierSide, enquiryId).orElseThrow())))
                .as("the other side's answer")
                .containsExactly(enquiryId);

        assertThat(sender.change(id, object("requestComment", "more")).status()).isEqualTo(200);
        assertThat(readMarks.unread(
                        supplierSide,
                        List.of(enquiries.read(supplierSide, enquiryId).orElseThrow())))
                .as("the sender's own change does not hide the answer it has not read")
                .containsExactly(enquiryId);
        assertThat(readMarks.unread(
                        gridSide, List.of(enquiries.read(gridSide, enquiryId).orElseThrow())))
                .as("the sender's change, for the receiver")
                .containsExactly(enquiryId);
    }

    @Test
    void theHistoryHoldsEveryWriteOfBothSidesOldestFirst() {
        var supplier = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
        var sender = hub.as(supplier, "OPEN_SUPPLIER", "ELECTRICITY");
        var id = sender.send(anEnquiry().about(meter));
        sender.change(id, object("requestComment", "more"));
        hub.as(grid, "GRID_OPERATOR", "ELECTRICITY").answerId(id, "CLOSE", "done");
        // The history is read from the feed: wait until the last write is visible there.
        hub.as(supplier, "OPEN_SUPPLIER", "ELECTRICITY")
                .scanAll(java.time.Instant.now().minusSeconds(3600).toString(), id);

        var history = feed.history(new EnquiryId(UUID.fromString(id)));
        assertThat(history)
                .extracting(ChangeFeed.HistoryEntry::author)
                .containsExactly(Side.SENDER, Side.SENDER, Side.RECEIVER);
        assertThat(history)
                .extracting(entry -> entry.change().enquiry().version())
                .containsExactly(1L, 2L, 3L);
        assertThat(history.getLast().change().answer()).isPresent();
    }

    private Caller caller(Party party, MarketRole role) {
        return new Caller(
                new ApiClient(technicalUsers.active(party.clientId()).orElseThrow()),
                participants.find(new Eic(party.eic())).orElseThrow(),
                role,
                Commodity.ELECTRICITY);
    }
}
