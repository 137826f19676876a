package ee.datahub.enquiryhub.participant;

/** {@code commodityType}. */
public enum Commodity {
    ELECTRICITY,
    NATURAL_GAS
}
