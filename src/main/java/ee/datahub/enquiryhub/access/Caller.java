package ee.datahub.enquiryhub.access;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Participant;

/**
 * Who acts: an actor (technical user or person) for a participant, in one market role and one
 * commodity, already checked against its permissions and allowed the action it asked for. Domain
 * services take it explicitly.
 */
public record Caller(Actor actor, Participant participant, MarketRole role, Commodity commodity) {

    public Eic eic() {
        return participant.eic();
    }

    /** The side of an enquiry this caller acts on: the sender as supplier, else the receiver. */
    public Side side() {
        return role == MarketRole.OPEN_SUPPLIER ? Side.SENDER : Side.RECEIVER;
    }
}
