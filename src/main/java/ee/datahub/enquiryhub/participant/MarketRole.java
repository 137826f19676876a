package ee.datahub.enquiryhub.participant;

/** A market role of the data hub ({@code marketParticipantRole}). */
public enum MarketRole {
    OPEN_SUPPLIER,
    GRID_OPERATOR,
    CLOSED_DISTRIBUTION_NETWORK,
    LINE_OPERATOR,
    PRODUCER_OPERATOR,
    CHARGING_POINT_OPERATOR,
    AGGREGATOR,
    ENERGY_SERVICE_PROVIDER,
    STORAGE_OPERATOR,
    GAS_STATION_OPERATOR;

    /** True for the roles that receive and answer enquiries. */
    public boolean isReceiverRole() {
        return this == GRID_OPERATOR || this == CLOSED_DISTRIBUTION_NETWORK;
    }
}
