package ee.datahub.enquiryhub.access;

import ee.datahub.enquiryhub.participant.MarketRole;
import java.util.Set;

/** What a caller does with enquiries, and the market roles allowed to do it (spec §2). */
public enum Action {
    CREATE_ENQUIRY(true, MarketRole.OPEN_SUPPLIER),
    CHANGE_ENQUIRY(true, MarketRole.OPEN_SUPPLIER),
    ANSWER(true, MarketRole.GRID_OPERATOR, MarketRole.CLOSED_DISTRIBUTION_NETWORK),
    CHANGE_ANSWER(true, MarketRole.GRID_OPERATOR, MarketRole.CLOSED_DISTRIBUTION_NETWORK),
    READ(false, MarketRole.OPEN_SUPPLIER, MarketRole.GRID_OPERATOR, MarketRole.CLOSED_DISTRIBUTION_NETWORK);

    private final boolean write;
    private final Set<MarketRole> allowedRoles;

    Action(boolean write, MarketRole... allowedRoles) {
        this.write = write;
        this.allowedRoles = Set.of(allowedRoles);
    }

    public boolean isWrite() {
        return write;
    }

    public Set<MarketRole> allowedRoles() {
        return allowedRoles;
    }
}
