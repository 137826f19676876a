package ee.datahub.enquiryhub.participant;

import ee.datahub.enquiryhub.eic.Eic;

/** A metering point and the grid operator (or closed distribution network) responsible for it. */
public record MeteringPoint(Eic eic, Eic gridOperator, Commodity commodity) {}
