package ee.datahub.enquiryhub.access;

/** The parts of the market participant context a caller claims; refusals name the one that is wrong. */
public enum ContextField {
    PARTICIPANT,
    ROLE,
    COMMODITY
}
