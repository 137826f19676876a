package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;

/**
 * One participant's feed in one role and commodity: what the other side wrote for it. Changes are
 * numbered per stream, from 1, without gaps, in the order they became visible.
 */
record Stream(Eic audience, Side author, Commodity commodity) {

    static Stream of(Caller caller) {
        return new Stream(caller.eic(), caller.side().other(), caller.commodity());
    }

    /** The stream of a participant acting in a role and commodity (as {@link Caller#side()} decides the side). */
    static Stream of(Eic participant, MarketRole role, Commodity commodity) {
        var side = role == MarketRole.OPEN_SUPPLIER ? Side.SENDER : Side.RECEIVER;
        return new Stream(participant, side.other(), commodity);
    }

    /** The stream's name in wake-up notifications and cursors. */
    String key() {
        return audience.value() + "/" + author.name() + "/" + commodity.name();
    }
}
